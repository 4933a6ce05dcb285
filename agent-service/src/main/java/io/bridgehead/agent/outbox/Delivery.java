package io.bridgehead.agent.outbox;

import java.io.IOException;

/**
 * Sends one outbox item to the tenant. It returns normally once the tenant acknowledged the
 * item, throws {@link io.bridgehead.agent.tenant.TenantException} when the tenant rejected
 * it, and throws another {@link IOException} when no response came.
 */
public interface Delivery {
  void send(OutboxItem item) throws IOException;
}

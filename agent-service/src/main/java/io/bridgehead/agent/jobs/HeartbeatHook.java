package io.bridgehead.agent.jobs;

import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.wire.HeartbeatResponse;

/**
 * Receives each heartbeat response of a {@link JobLoop}. It is called on the heartbeat thread
 * and must return quickly, handing any slow work to a thread of its own, so that heartbeats
 * keep their interval.
 */
@FunctionalInterface
public interface HeartbeatHook {
  /** A hook that ignores every response. */
  HeartbeatHook NONE = (response, client) -> { };

  /**
   * Invoked after each heartbeat the tenant accepted.
   *
   * @param client the loop's client, for calls about the response; it is closed when the loop
   *     closes, and calls on it then fail with an {@link java.io.IOException}
   */
  void heartbeatAnswered(HeartbeatResponse response, TenantClient client);
}

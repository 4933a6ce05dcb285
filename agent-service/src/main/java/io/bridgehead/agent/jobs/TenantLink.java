package io.bridgehead.agent.jobs;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the tenant is reachable, as the agent's calls find it. It logs each change once,
 * not every failed attempt, so an outage of an hour is two log lines.
 */
public final class TenantLink {
  private static final Logger log = LoggerFactory.getLogger(TenantLink.class);

  private final AtomicBoolean reachable = new AtomicBoolean(true);
  private final AtomicReference<Instant> lastContact = new AtomicReference<>();
  private final String tenantUrl;
  private final JobLoopListener listener;

  public TenantLink(String tenantUrl) {
    this(tenantUrl, JobLoopListener.NONE);
  }

  /** Makes a link that also tells {@code listener} about each change. */
  public TenantLink(String tenantUrl, JobLoopListener listener) {
    this.tenantUrl = tenantUrl;
    this.listener = listener;
  }

  /** Records a call that got a response from the tenant. */
  public void succeeded() {
    lastContact.set(Instant.now());
    if (reachable.compareAndSet(false, true)) {
      log.info("Tenant {} reachable again", tenantUrl);
      listener.tenantReachabilityChanged(true, "");
    }
  }

  /** Records a call that got no response. */
  public void failed(Exception cause) {
    if (reachable.compareAndSet(true, false)) {
      String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      log.warn("Tenant {} unreachable: {}; retrying with back-off", tenantUrl, reason);
      listener.tenantReachabilityChanged(false, reason);
    }
  }

  public boolean isReachable() {
    return reachable.get();
  }

  /** Returns the time of the last response, or null before the first. */
  public Instant lastContact() {
    return lastContact.get();
  }
}

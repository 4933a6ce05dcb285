package io.bridgehead.agent.jobs;

import io.bridgehead.agent.script.RunningScript;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.LeaseResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one running job's lease alive, and stops the job's script once the lease can no
 * longer be trusted.
 *
 * <p>A renewal goes out every third of the lease; each call may take at most a sixth of it,
 * and a failed one is tried again after two seconds. A lease counts from the moment the last
 * successful renewal was sent, since the tenant may have handled it at once. A deadline timer,
 * apart from the renewals, fires when the lease's length minus a safety margin has passed
 * since then. The agent must then assume the tenant has given the job to another agent, so
 * the script is cancelled, whatever call may still be in flight. That keeps a tenant outage
 * or a network cut from ending with two agents running the same job. The tenant's refusal of
 * a renewal, or its report that the job was cancelled, stops the script as well.
 */
final class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

  /** The reason a running script was stopped from outside, if any. */
  enum Stop {
    NONE,
    CANCELLED_ON_TENANT,
    LEASE_LOST
  }

  private final TenantClient client;
  private final ScheduledExecutorService timers;
  private final TenantLink link;
  private final JobOffer offer;
  private final RunningScript script;
  private final long leaseNanos;
  private final long marginNanos;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile long confirmedAt;
  private volatile Stop stop = Stop.NONE;
  private volatile String stopReason = "";
  private ScheduledFuture<?> next;
  private ScheduledFuture<?> deadline;

  LeaseKeeper(TenantClient client, ScheduledExecutorService timers, TenantLink link,
      JobOffer offer, RunningScript script, long acceptedAtNanos) {
    this.client = client;
    this.timers = timers;
    this.link = link;
    this.offer = offer;
    this.script = script;
    this.leaseNanos = TimeUnit.SECONDS.toNanos(Math.max(1, offer.leaseSeconds()));
    this.marginNanos = Math.min(TimeUnit.SECONDS.toNanos(3), leaseNanos / 6);
    this.confirmedAt = acceptedAtNanos;
  }

  /** Starts renewing. */
  synchronized void start() {
    armDeadline();
    schedule(leaseNanos / 3);
  }

  /** Stops renewing; the job has ended and its result reached the tenant, or never will. */
  synchronized void close() {
    stopped.set(true);
    if (next != null) {
      next.cancel(false);
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** Returns true once the lease can no longer be trusted, whatever the reason. */
  boolean lost() {
    return stop == Stop.LEASE_LOST;
  }

  /** Schedules the stop of the script at the end of the lease last confirmed. */
  private synchronized void armDeadline() {
    if (stopped.get()) {
      return;
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
    long delay = confirmedAt + leaseNanos - marginNanos - System.nanoTime();
    try {
      deadline = timers.schedule(this::deadlinePassed, Math.max(0, delay),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The agent is stopping and has shut the timers down.
    }
  }

  private void deadlinePassed() {
    long unconfirmed = System.nanoTime() - confirmedAt;
    if (stopped.get() || unconfirmed < leaseNanos - marginNanos) {
      return;
    }
    stopScript(Stop.LEASE_LOST, "no lease renewal reached the tenant for "
        + TimeUnit.NANOSECONDS.toSeconds(unconfirmed) + " s, so the tenant may have given"
        + " the job to another agent");
  }

  Stop stop() {
    return stop;
  }

  String stopReason() {
    return stopReason;
  }

  private synchronized void schedule(long delayNanos) {
    if (stopped.get()) {
      return;
    }
    try {
      next = timers.schedule(this::renew, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The agent is stopping and has shut the timers down.
    }
  }

  private void renew() {
    if (stopped.get() || stop == Stop.LEASE_LOST) {
      return;
    }
    long sentAt = System.nanoTime();
    long remaining = confirmedAt + leaseNanos - marginNanos - sentAt;
    if (remaining <= 0) {
      return;
    }
    try {
      LeaseResponse response = client.renew(offer.jobId(), offer.leaseId(),
          Duration.ofNanos(Math.min(leaseNanos / 6, remaining)));
      confirmedAt = sentAt;
      armDeadline();
      link.succeeded();
      if (response.cancelRequested()) {
        stopScript(Stop.CANCELLED_ON_TENANT, "cancelled on the tenant");
      }
      schedule(leaseNanos / 3);
    } catch (TenantException e) {
      if (e.status() == 409 || e.status() == 404 || AgentApi.LEASE_LOST.equals(e.code())) {
        stopScript(Stop.LEASE_LOST, "the tenant no longer holds this agent's lease: "
            + e.getMessage());
      } else {
        log.warn("Renewing the lease on job {} failed: {}", offer.jobId(), e.getMessage());
        retryOrGiveUp();
      }
    } catch (IOException e) {
      link.failed(e);
      retryOrGiveUp();
    } catch (RuntimeException e) {
      log.error("Renewing the lease on job {} failed", offer.jobId(), e);
      retryOrGiveUp();
    }
  }

  private void retryOrGiveUp() {
    long remaining = confirmedAt + leaseNanos - marginNanos - System.nanoTime();
    if (remaining > 0) {
      schedule(Math.min(RETRY_DELAY.toNanos(), remaining));
    }
  }

  private void stopScript(Stop why, String reason) {
    if (stop != Stop.NONE) {
      return;
    }
    stopReason = reason;
    stop = why;
    if (why == Stop.LEASE_LOST) {
      log.warn("Stopping job {}: {}", offer.jobId(), reason);
    } else {
      log.info("Stopping job {}: {}", offer.jobId(), reason);
    }
    script.cancel();
  }
}

package io.bridgehead.agent.jobs;

import java.time.Instant;

/**
 * Receives what happens in a {@link JobLoop}, so that a status view needs no polling. Calls
 * come on the loop's own threads (poller, job, heartbeat and lease threads), never while the
 * loop holds a lock, and must return quickly. Every method does nothing by default.
 */
public interface JobLoopListener {
  /** A listener that ignores every event. */
  JobLoopListener NONE = new JobLoopListener() {};

  /** Invoked when a job's lease was confirmed and its script started. */
  default void jobStarted(String jobId, Instant startedAt) {}

  /** Invoked when a job's script has ended, before its result is sent to the tenant. */
  default void jobEnded(JobSummary job) {}

  /**
   * Invoked when the tenant becomes unreachable or reachable again, once per change.
   *
   * @param reason why the last call got no response; empty when reachable
   */
  default void tenantReachabilityChanged(boolean reachable, String reason) {}

  /** Invoked when the tenant rejects a call with an error that retrying cannot fix. */
  default void tenantError(String message) {}
}

package io.bridgehead.tenant.store;

import java.time.Instant;

/**
 * The outcome of an agent's last update.
 *
 * @param version the version it was updating to
 * @param outcome {@code ok} or {@code failed} as the agent reported it, or {@code timed_out}
 *     when it did not run the version within the rollout time-out
 * @param reason what failed, or null
 * @param logTail the end of the updater's log the agent sent, or null
 */
public record UpdateOutcome(String version, String outcome, String reason, String logTail,
    Instant at) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String TIMED_OUT = "timed_out";
}

package io.bridgehead.tenant.admin;

import java.time.Instant;

/**
 * The outcome of an agent's last update, as the admin API shows it.
 *
 * @param version the version the agent was updating to
 * @param outcome {@code ok}, {@code failed} or {@code timed_out}
 * @param reason what failed, or null
 * @param logTail the end of the updater's log that the agent sent, or null
 */
public record UpdateOutcomeView(String version, String outcome, String reason, Instant at,
    String logTail) {}

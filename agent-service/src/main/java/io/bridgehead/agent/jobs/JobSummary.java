package io.bridgehead.agent.jobs;

import io.bridgehead.wire.Outcome;
import java.time.Instant;

/**
 * How one job that this agent ran has ended.
 *
 * @param jobId the tenant's id of the job
 * @param outcome how the script ended
 * @param exitCode the script's exit code, or null when it did not exit by itself
 * @param message the sentence for the operator that is also sent to the tenant
 * @param startedAt when the script started
 * @param finishedAt when the script ended
 */
public record JobSummary(
    String jobId,
    Outcome outcome,
    Integer exitCode,
    String message,
    Instant startedAt,
    Instant finishedAt) {}

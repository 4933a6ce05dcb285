package io.bridgehead.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Body of {@code POST /agent/v1/jobs/{id}/result}. The tenant keeps the first result for a job
 * and lease and accepts repeats of it without a second record.
 *
 * @param leaseId the lease the job ran under
 * @param outcome how the job ended
 * @param exitCode the script's exit code, or null when it did not exit by itself
 * @param result the structured result the script wrote to its result channel, or null
 * @param output standard output, capped
 * @param errorOutput standard error, capped
 * @param outputTruncated true when either stream passed its cap and was cut
 * @param message a sentence for the operator about the outcome, for example why it failed
 * @param startedAt when the script started
 * @param finishedAt when the script ended
 */
public record JobResult(
    String leaseId,
    Outcome outcome,
    Integer exitCode,
    JsonNode result,
    String output,
    String errorOutput,
    boolean outputTruncated,
    String message,
    Instant startedAt,
    Instant finishedAt) {}

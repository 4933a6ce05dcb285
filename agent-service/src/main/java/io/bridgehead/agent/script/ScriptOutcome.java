package io.bridgehead.agent.script;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Outcome;
import java.time.Instant;

/**
 * The result of a script run. Output, error output, message and result have secrets masked.
 *
 * @param outcome {@code SUCCEEDED} when the script exited with code 0 and its result, if it
 *     wrote one, is valid JSON
 * @param exitCode the interpreter's exit code, or null when the script was killed (time limit
 *     or cancel) or never started
 * @param result the JSON the script wrote to the file named by {@code BRIDGEHEAD_RESULT}, or
 *     null when it wrote none, the file was invalid, or the script was killed; never taken
 *     from standard output
 * @param output the kept part of standard output, line breaks normalized to {@code \n}
 * @param errorOutput the kept part of standard error, line breaks normalized to {@code \n}
 * @param outputTruncated whether either stream passed the output cap, or could not be read to
 *     its end because a leftover process kept it open
 * @param message one sentence for an operator, such as "exited with code 3" or "timed out
 *     after 5 s; killed 3 processes"
 * @param startedAt when the run began, including the preparation of its work folder
 * @param finishedAt when the run ended
 */
public record ScriptOutcome(
    Outcome outcome,
    Integer exitCode,
    JsonNode result,
    String output,
    String errorOutput,
    boolean outputTruncated,
    String message,
    Instant startedAt,
    Instant finishedAt) {

  /** Returns an outcome for a script that never started. */
  static ScriptOutcome notStarted(String message, Instant startedAt) {
    return new ScriptOutcome(
        Outcome.FAILED, null, null, "", "", false, message, startedAt, Instant.now());
  }
}

package io.bridgehead.agent.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.JobResult;

/**
 * Trims a job result so that its JSON fits the request size the tenant accepts. The output
 * cap limits characters, but JSON escapes each control character as six bytes, so a result
 * within its caps can still be several times larger on the wire.
 */
final class ResultSizing {
  /**
   * The largest result body sent, 12 MiB: below the reference tenant's 16 MiB request limit
   * with room for the fields other than the output.
   */
  static final int MAX_RESULT_BYTES = 12 * 1024 * 1024;

  private ResultSizing() {}

  /** Returns the result unchanged when it fits, else with its output streams shortened. */
  static JobResult fit(JobResult result) {
    JobResult fitted = result;
    while (encodedSize(fitted) > MAX_RESULT_BYTES) {
      String output = half(fitted.output());
      String errorOutput = half(fitted.errorOutput());
      if (output.equals(fitted.output()) && errorOutput.equals(fitted.errorOutput())) {
        break;
      }
      fitted = new JobResult(fitted.leaseId(), fitted.outcome(), fitted.exitCode(),
          fitted.result(), output, errorOutput, true, fitted.message(), fitted.startedAt(),
          fitted.finishedAt());
    }
    return fitted;
  }

  private static String half(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    int end = text.length() / 2;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private static long encodedSize(JobResult result) {
    try {
      return Json.mapper().writeValueAsBytes(result).length;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode the result: " + e.getOriginalMessage(),
          e);
    }
  }
}

package io.bridgehead.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One row of {@code jobs.recent}.
 *
 * @param id the tenant's job id
 * @param state running, succeeded, failed, timed_out or cancelled
 * @param startedAt an ISO-8601 instant, or empty when unknown
 * @param duration null while the job runs
 * @param exitCode null while the job runs or when the script did not exit by itself
 * @param message the first line of the result message
 */
public record JobEntry(String id, String state, String startedAt, Duration duration,
    Integer exitCode, String message) {
  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  public static JobEntry fromJson(JsonNode job) {
    JsonNode millis = job.path("durationMillis");
    JsonNode exit = job.path("exitCode");
    return new JobEntry(job.path("id").asText(), job.path("state").asText(),
        job.path("startedAt").isTextual() ? job.path("startedAt").asText() : "",
        millis.isNumber() ? Duration.ofMillis(millis.asLong()) : null,
        exit.isNumber() ? exit.asInt() : null,
        job.path("message").asText(""));
  }

  /** Returns the start as local date and time, such as {@code 2026-12-04 19:01:22}. */
  public String startedText() {
    try {
      return STARTED.format(Instant.parse(startedAt));
    } catch (DateTimeParseException e) {
      return startedAt;
    }
  }

  /** Returns the duration as text such as {@code 1.2 s}, or "running" while the job runs. */
  public String durationText() {
    if (duration == null) {
      return state.equals("running") ? "running" : "";
    }
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** Returns the exit code and message in one line. */
  public String resultText() {
    String exit = exitCode == null ? "" : "exit " + exitCode;
    if (message.isEmpty()) {
      return exit;
    }
    return exit.isEmpty() ? message : exit + ": " + message;
  }
}

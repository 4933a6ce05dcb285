package io.bridgehead.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of an update or a repair, as the service reads it from the updater's result file.
 *
 * @param kind {@code update} or {@code repair}
 * @param version the version that was to run
 * @param fromVersion the version that ran before
 * @param outcome {@code ok}, {@code rolled-back} or {@code failed}
 * @param runningVersion the version that runs now
 * @param reason what failed, or empty
 * @param steps the steps taken, in order
 * @param finishedAt when it ended
 */
public record UpdateOutcome(String kind, String version, String fromVersion, String outcome,
    String runningVersion, String reason, List<String> steps, Instant finishedAt) {

  public UpdateOutcome {
    steps = List.copyOf(steps);
  }

  /** Reads a result object; returns null when {@code node} is not one. */
  public static UpdateOutcome fromJson(JsonNode node) {
    if (node == null || !node.isObject() || !node.path("finishedAt").isTextual()) {
      return null;
    }
    Instant finished;
    try {
      finished = Instant.parse(node.path("finishedAt").asText());
    } catch (DateTimeParseException e) {
      return null;
    }
    List<String> steps = new ArrayList<>();
    for (JsonNode step : node.path("steps")) {
      steps.add(step.asText());
    }
    return new UpdateOutcome(node.path("kind").asText("update"),
        node.path("version").asText(""), node.path("fromVersion").asText(""),
        node.path("outcome").asText(""), node.path("runningVersion").asText(""),
        node.path("reason").asText(""), steps, finished);
  }

  public boolean succeeded() {
    return "ok".equals(outcome);
  }

  /** Returns one sentence for people, such as "The update to 0.2.0 succeeded." */
  public String summary() {
    String what = "repair".equals(kind) ? "The repair" : "The update from " + fromVersion
        + " to " + version;
    String because = reason.isEmpty() ? "" : ": " + reason;
    return switch (outcome) {
      case "ok" -> what + " succeeded; version " + runningVersion + " runs.";
      case "rolled-back" -> what + " failed and was rolled back; version " + runningVersion
          + " runs again" + because + ".";
      default -> what + " failed" + because + ". Run Repair.";
    };
  }
}

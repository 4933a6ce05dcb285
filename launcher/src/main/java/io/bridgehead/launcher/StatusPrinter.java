package io.bridgehead.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** Prints a service's status object for people. */
final class StatusPrinter {
  private StatusPrinter() {}

  static void print(PrintStream out, JsonNode status) {
    out.println(capitalize(status.path("role").asText()) + " service ("
        + status.path("module").asText() + ") " + status.path("version").asText() + ": "
        + status.path("state").asText() + ", pid " + status.path("pid").asText());
    out.println("  Agent:       " + status.path("agentId").asText() + " in pool "
        + status.path("pool").asText());
    out.println("  Tenant:      " + status.path("tenantUrl").asText() + ", "
        + (status.path("tenantReachable").asBoolean() ? "reachable" : "unreachable")
        + ", last contact " + orNever(status.path("lastContact")));
    out.println("  Jobs:        " + status.path("jobsRunning").asInt() + " running, "
        + status.path("jobsDoneSinceStart").asLong() + " done since start ("
        + status.path("startedAt").asText() + "), " + status.path("jobsDoneToday").asLong()
        + " today");
    JsonNode error = status.path("lastError");
    out.println("  Last error:  " + (error.isObject()
        ? error.path("time").asText() + " " + error.path("message").asText() : "none"));
  }

  /** Returns one line for a status notification: what changed, then the counters. */
  static String changeLine(JsonNode status) {
    JsonNode change = status.path("change");
    String what = change.isObject() ? change.path("message").asText()
        : "status of the " + status.path("role").asText() + " service";
    return what + " [" + status.path("state").asText() + "; tenant "
        + (status.path("tenantReachable").asBoolean() ? "reachable" : "unreachable") + "; "
        + status.path("jobsRunning").asInt() + " running, "
        + status.path("jobsDoneSinceStart").asLong() + " done]";
  }

  private static String orNever(JsonNode time) {
    return time.isNull() || time.isMissingNode() ? "never" : time.asText();
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}

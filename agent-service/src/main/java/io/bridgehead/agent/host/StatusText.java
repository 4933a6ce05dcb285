package io.bridgehead.agent.host;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one-line status a service shows its manager ({@code systemctl status} shows it as
 * "Status:"), made from the status object of {@link io.bridgehead.agent.control.ServiceStatus}.
 */
public final class StatusText {
  /** The maximum characters of a status text; a longer reason is cut to fit. */
  static final int MAX_LENGTH = 200;
  private static final String UNREACHABLE_PREFIX = "tenant unreachable: ";

  private StatusText() {}

  /** Returns the status text for {@code status}, at most {@link #MAX_LENGTH} characters. */
  public static String of(JsonNode status) {
    String url = status.path("tenantUrl").asText();
    String state = status.path("state").asText();
    String text;
    if (state.equals("starting") || state.equals("stopping") || state.equals("stopped")) {
      text = state;
    } else if (status.path("lastContact").isNull() || status.path("lastContact").isMissingNode()) {
      text = waitingText(url, status);
    } else {
      String jobs = status.path("jobsRunning").asLong() + " jobs running, "
          + status.path("jobsDoneSinceStart").asLong() + " done since start";
      if (status.path("tenantReachable").asBoolean(true)) {
        text = "connected to " + url + "; " + jobs;
      } else {
        text = "tenant " + url + " unreachable since the last contact at "
            + status.path("lastContact").asText() + ", retrying; " + jobs;
      }
    }
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
  }

  /** Returns the text before the first response from the tenant. */
  private static String waitingText(String url, JsonNode status) {
    if (status.path("tenantReachable").asBoolean(true)) {
      return "waiting for the tenant at " + url + ": connecting";
    }
    String error = status.path("lastError").path("message").asText("");
    String reason = error.startsWith(UNREACHABLE_PREFIX)
        ? error.substring(UNREACHABLE_PREFIX.length()) : "unreachable";
    return "waiting for the tenant at " + url + ": " + reason + "; retrying";
  }
}

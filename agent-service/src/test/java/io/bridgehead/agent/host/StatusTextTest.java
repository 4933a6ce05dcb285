package io.bridgehead.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatusTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String URL = "https://127.0.0.1:8443";

  @Test
  void beforeFirstContactSaysConnecting() throws Exception {
    JsonNode status = status("running", true, null, null);

    assertThat(StatusText.of(status))
        .isEqualTo("waiting for the tenant at " + URL + ": connecting");
  }

  @Test
  void unreachableBeforeContactSaysWaiting() throws Exception {
    JsonNode status = status("running", false, null,
        "tenant unreachable: Failed to connect to /127.0.0.1:8443");

    assertThat(StatusText.of(status)).isEqualTo("waiting for the tenant at " + URL
        + ": Failed to connect to /127.0.0.1:8443; retrying");
  }

  @Test
  void connectedCountsJobs() throws Exception {
    JsonNode status = status("running", true, "2026-12-04T10:00:00Z", null);

    assertThat(StatusText.of(status))
        .isEqualTo("connected to " + URL + "; 1 jobs running, 7 done since start");
  }

  @Test
  void unreachableAfterContactNamesLastContact() throws Exception {
    JsonNode status = status("running", false, "2026-12-04T10:00:00Z",
        "tenant unreachable: timeout");

    assertThat(StatusText.of(status)).isEqualTo("tenant " + URL + " unreachable since the"
        + " last contact at 2026-12-04T10:00:00Z, retrying; 1 jobs running, 7 done since start");
  }

  @Test
  void lifecycleStatesShowAsIs() throws Exception {
    for (String state : new String[] {"starting", "stopping", "stopped"}) {
      assertThat(StatusText.of(status(state, true, null, null))).as("text in state %s", state)
          .isEqualTo(state);
    }
  }

  @Test
  void longReasonIsCut() throws Exception {
    JsonNode status = status("running", false, null, "tenant unreachable: " + "x".repeat(500));

    String text = StatusText.of(status);

    assertThat(text).hasSize(StatusText.MAX_LENGTH);
    assertThat(text).endsWith("...");
  }

  private static JsonNode status(String state, boolean reachable, String lastContact,
      String lastError) throws Exception {
    String error = lastError == null ? "null"
        : "{\"message\":" + JSON.writeValueAsString(lastError) + ",\"time\":\"t\"}";
    return JSON.readTree("{\"state\":\"" + state + "\",\"tenantUrl\":\"" + URL + "\","
        + "\"tenantReachable\":" + reachable + ",\"lastContact\":"
        + (lastContact == null ? "null" : "\"" + lastContact + "\"")
        + ",\"jobsRunning\":1,\"jobsDoneSinceStart\":7,\"lastError\":" + error + "}");
  }
}

package io.bridgehead.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Json;
import org.junit.jupiter.api.Test;

class UpdateInfoTest {
  @Test
  void readsUpdateMember() throws Exception {
    JsonNode status = Json.mapper().readTree("""
        {"state": "running", "update": {"enabled": true, "state": "updating",
         "wantedVersion": "0.2.0", "detail": null, "lastResult": {"kind": "update",
         "version": "0.1.5", "fromVersion": "0.1.0", "outcome": "rolled-back",
         "runningVersion": "0.1.0", "reason": "the service did not start",
         "steps": ["Stop the services"], "finishedAt": "2026-12-04T10:00:00Z"}}}
        """);

    UpdateInfo info = UpdateInfo.fromStatus(status);

    assertThat(info.enabled()).isTrue();
    assertThat(info.updating()).isTrue();
    assertThat(info.wantedVersion()).isEqualTo("0.2.0");
    assertThat(info.last().summary()).isEqualTo("The update from 0.1.0 to 0.1.5 failed and"
        + " was rolled back; version 0.1.0 runs again: the service did not start.");
  }

  @Test
  void missingMemberIsUnknown() throws Exception {
    UpdateInfo info = UpdateInfo.fromStatus(Json.mapper().readTree("{\"state\": \"running\"}"));

    assertThat(info).isEqualTo(UpdateInfo.UNKNOWN);
    assertThat(info.last()).isNull();
  }
}

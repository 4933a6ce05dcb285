package io.bridgehead.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ServiceModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode status(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void statusFillsProperties() throws Exception {
    ServiceModel model = new ServiceModel("automation", true);
    model.connected("root", true);

    model.apply(status("{\"state\":\"running\",\"module\":\"Service Automation\","
        + "\"version\":\"0.1.0\",\"pool\":\"servers\",\"tenantReachable\":true,"
        + "\"jobsRunning\":1,\"jobsDoneToday\":4,\"lastError\":null,\"sequence\":3}"));

    assertThat(model.stateProperty().get()).isEqualTo(ServiceState.RUNNING);
    assertThat(model.poolProperty().get()).isEqualTo("servers");
    assertThat(model.jobsDoneTodayProperty().get()).isEqualTo(4);
    assertThat(model.lastErrorProperty().get()).isEmpty();
    assertThat(model.lastContactProperty().get()).isEqualTo("never");
  }

  @Test
  void olderStatusAfterNotificationIsDropped() throws Exception {
    ServiceModel model = new ServiceModel("automation", true);
    model.connected("root", true);
    model.apply(status("{\"state\":\"stopping\",\"sequence\":5,"
        + "\"change\":{\"type\":\"state\",\"message\":\"stopping\"}}"));

    model.apply(status("{\"state\":\"running\",\"sequence\":4}"));

    assertThat(model.stateProperty().get()).isEqualTo(ServiceState.STOPPING);
    assertThat(model.lastChangeProperty().get().type()).isEqualTo("state");
  }

  @Test
  void disconnectTurnsInstalledOffline() {
    ServiceModel model = new ServiceModel("automation", true);
    model.connected("root", true);

    model.disconnected("connection refused", true);

    assertThat(model.stateProperty().get()).isEqualTo(ServiceState.OFFLINE);
    assertThat(model.administratorProperty().get()).isFalse();
    assertThat(model.connectionProblemProperty().get()).isEqualTo("connection refused");
  }

  @Test
  void neverSeenRoleStaysNotInstalled() {
    ServiceModel model = new ServiceModel("access", false);

    model.disconnected("no socket", false);

    assertThat(model.stateProperty().get()).isEqualTo(ServiceState.NOT_INSTALLED);
  }

  @Test
  void jobsResultFillsList() throws Exception {
    ServiceModel model = new ServiceModel("automation", true);

    model.applyJobs(status("{\"jobs\":[{\"id\":\"job_a\",\"state\":\"succeeded\","
        + "\"startedAt\":\"2026-01-01T10:00:00Z\",\"durationMillis\":1500,\"exitCode\":0,"
        + "\"message\":\"exited with code 0\"},{\"id\":\"job_b\",\"state\":\"running\","
        + "\"startedAt\":null,\"durationMillis\":null,\"exitCode\":null,\"message\":\"\"}]}"));

    assertThat(model.jobs()).extracting(JobEntry::id).containsExactly("job_a", "job_b");
    assertThat(model.jobs().get(0).durationText()).isEqualTo("1.5 s");
    assertThat(model.jobs().get(0).resultText()).isEqualTo("exit 0: exited with code 0");
    assertThat(model.jobs().get(1).durationText()).isEqualTo("running");
  }
}

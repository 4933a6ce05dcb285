package io.bridgehead.console.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.console.model.ServiceModel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void repeatedStopsNotifyOncePerChange() throws Exception {
    Notifier notifier = new Notifier();
    notifier.disablePopups();
    ServiceModel service = new ServiceModel("automation", true);
    notifier.watch(service);
    service.connected("root", true);
    service.apply(JSON.readTree("{\"state\":\"running\",\"tenantReachable\":true}"));

    service.disconnected("refused", true);
    service.disconnected("refused again", true);
    service.connected("root", true);
    service.disconnected("refused", true);
    service.connected("root", true);
    service.apply(JSON.readTree("{\"state\":\"running\",\"tenantReachable\":true}"));
    service.disconnected("refused", true);

    assertThat(notifier.shown()).extracting(Notifier.Shown::title).containsExactly(
        "The automation service stopped", "The automation service stopped");
  }

  @Test
  void tenantLossNotifiesUntilBack() throws Exception {
    Notifier notifier = new Notifier();
    notifier.disablePopups();
    ServiceModel service = new ServiceModel("automation", true);
    notifier.watch(service);
    service.connected("root", true);
    service.apply(JSON.readTree("{\"state\":\"running\",\"tenantReachable\":true}"));

    service.apply(JSON.readTree("{\"state\":\"running\",\"tenantReachable\":false}"));
    service.apply(JSON.readTree("{\"state\":\"running\",\"tenantReachable\":false,"
        + "\"jobsRunning\":1}"));

    assertThat(notifier.shown()).extracting(Notifier.Shown::title)
        .containsExactly("The automation service lost the tenant");
  }

  @Test
  void updateResultNotifiesOncePerHost() throws Exception {
    Notifier notifier = new Notifier(Instant.parse("2026-12-04T10:00:00Z"));
    notifier.disablePopups();
    ServiceModel automation = new ServiceModel("automation", true);
    ServiceModel access = new ServiceModel("access", true);
    notifier.watch(automation);
    notifier.watch(access);
    String before = status("2026-12-04T09:00:00Z");
    String after = status("2026-12-04T10:05:00Z");

    for (ServiceModel service : new ServiceModel[] {automation, access}) {
      service.connected("root", true);
      service.apply(JSON.readTree(before));
      service.apply(JSON.readTree(after));
      service.apply(JSON.readTree(after));
    }

    assertThat(notifier.shown()).extracting(Notifier.Shown::text).containsExactly(
        "The update from 0.1.0 to 0.2.0 succeeded; version 0.2.0 runs.");
  }

  @Test
  void failedDownloadNotifiesUntilCleared() throws Exception {
    Notifier notifier = new Notifier();
    notifier.disablePopups();
    ServiceModel service = new ServiceModel("automation", true);
    notifier.watch(service);
    service.connected("root", true);
    String failed = "{\"state\":\"running\",\"update\":{\"enabled\":true,"
        + "\"state\":\"failed\",\"wantedVersion\":\"0.2.0\","
        + "\"detail\":\"the package's SHA-256 does not match\"}}";

    service.apply(JSON.readTree(failed));
    service.apply(JSON.readTree(failed.replace("match", "match.")));

    assertThat(notifier.shown()).extracting(Notifier.Shown::text)
        .containsExactly("the package's SHA-256 does not match");
  }

  private static String status(String finishedAt) {
    return "{\"state\":\"running\",\"tenantReachable\":true,\"update\":{\"enabled\":true,"
        + "\"state\":\"idle\",\"lastResult\":{\"kind\":\"update\",\"version\":\"0.2.0\","
        + "\"fromVersion\":\"0.1.0\",\"outcome\":\"ok\",\"runningVersion\":\"0.2.0\","
        + "\"steps\":[],\"finishedAt\":\"" + finishedAt + "\"}}}";
  }
}

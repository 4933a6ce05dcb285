package io.bridgehead.console.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.console.model.ServiceModel;
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
}

package io.bridgehead.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.console.model.ServiceModel.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverallStateTest {
  private static Snapshot of(ServiceState state, boolean reachable) {
    return new Snapshot(state, reachable);
  }

  @Test
  void allHealthyIsRunning() {
    assertThat(OverallState.of(List.of(of(ServiceState.RUNNING, true),
        of(ServiceState.NOT_INSTALLED, false)))).isEqualTo(OverallState.RUNNING);
  }

  @Test
  void nothingInstalledIsOffline() {
    assertThat(OverallState.of(List.of(of(ServiceState.NOT_INSTALLED, false))))
        .isEqualTo(OverallState.OFFLINE);
  }

  @Test
  void allUnreachableIsOffline() {
    assertThat(OverallState.of(List.of(of(ServiceState.OFFLINE, false),
        of(ServiceState.CONNECTING, false)))).isEqualTo(OverallState.OFFLINE);
  }

  @Test
  void oneOfflineIsDegraded() {
    assertThat(OverallState.of(List.of(of(ServiceState.RUNNING, true),
        of(ServiceState.OFFLINE, false)))).isEqualTo(OverallState.DEGRADED);
  }

  @Test
  void tenantLostEverywhereIsError() {
    assertThat(OverallState.of(List.of(of(ServiceState.RUNNING, false))))
        .isEqualTo(OverallState.ERROR);
    assertThat(OverallState.of(List.of(of(ServiceState.STOPPED, true))))
        .isEqualTo(OverallState.ERROR);
  }

  @Test
  void updatingWins() {
    assertThat(OverallState.of(List.of(of(ServiceState.UPDATING, true),
        of(ServiceState.OFFLINE, false)))).isEqualTo(OverallState.UPDATING);
  }
}

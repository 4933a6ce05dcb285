package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.installer.services.ServiceState;
import org.junit.jupiter.api.Test;

class ServiceStatusMappingTest {

  @Test
  void statesMapped() {
    assertThat(ServiceStatusMapping.toState(1, 0)).isEqualTo(ServiceState.STOPPED);
    assertThat(ServiceStatusMapping.toState(2, 0)).isEqualTo(ServiceState.STARTING);
    assertThat(ServiceStatusMapping.toState(3, 0)).isEqualTo(ServiceState.STOPPING);
    assertThat(ServiceStatusMapping.toState(4, 0)).isEqualTo(ServiceState.RUNNING);
    assertThat(ServiceStatusMapping.toState(7, 0)).isEqualTo(ServiceState.RUNNING);
  }

  @Test
  void stoppedWithErrorIsFailed() {
    int errorServiceSpecificError = 1066;

    assertThat(ServiceStatusMapping.toState(1, errorServiceSpecificError))
        .isEqualTo(ServiceState.FAILED);
  }

  @Test
  void pendingStates() {
    assertThat(ServiceStatusMapping.isPending(2)).isTrue();
    assertThat(ServiceStatusMapping.isPending(3)).isTrue();
    assertThat(ServiceStatusMapping.isPending(1)).isFalse();
    assertThat(ServiceStatusMapping.isPending(4)).isFalse();
  }

  @Test
  void unknownCodeRejected() {
    assertThatThrownBy(() -> ServiceStatusMapping.toState(9, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown service state code 9");
  }
}

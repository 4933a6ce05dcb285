package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureActionsTableTest {

  @Test
  void restartDelaysInMillis() {
    assertThat(FailureActionsTable.restartDelaysMillis()).containsExactly(10_000, 30_000, 120_000);
  }

  @Test
  void resetPeriodOneDayInSeconds() {
    assertThat(FailureActionsTable.resetPeriodSeconds()).isEqualTo(86_400);
  }

  @Test
  void nonCrashFailuresCount() {
    assertThat(FailureActionsTable.ACTIONS_ON_NON_CRASH_FAILURES).isTrue();
  }

  @Test
  void preshutdownCoversAgentStop() {
    assertThat(WindowsServiceManager.PRESHUTDOWN_TIMEOUT).hasSeconds(30);
  }
}

package io.bridgehead.agent.host.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdHostTest {
  @Test
  void watchdogIntervalFromMicroseconds() {
    Map<String, String> environment = Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID",
        "42");

    assertThat(SystemdHost.watchdogInterval(environment, 42)).isEqualTo(
        Duration.ofSeconds(30));
  }

  @Test
  void watchdogOfOtherProcessIgnored() {
    Map<String, String> environment = Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID",
        "41");

    assertThat(SystemdHost.watchdogInterval(environment, 42)).isZero();
  }

  @Test
  void watchdogWithoutPidApplies() {
    assertThat(SystemdHost.watchdogInterval(Map.of("WATCHDOG_USEC", "500000"), 42))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void invalidWatchdogIgnored() {
    assertThat(SystemdHost.watchdogInterval(Map.of(), 42)).isZero();
    assertThat(SystemdHost.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 42)).isZero();
    assertThat(SystemdHost.watchdogInterval(Map.of("WATCHDOG_USEC", "0"), 42)).isZero();
    assertThat(SystemdHost.watchdogInterval(Map.of("WATCHDOG_USEC", "-5"), 42)).isZero();
  }

  @Test
  void missingNotifySocketRejected() {
    assertThatThrownBy(() -> SystemdHost.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--service-host systemd needs NOTIFY_SOCKET");
  }

  @Test
  void successExitStatusListsUpdateAndSigterm() {
    assertThat(SystemdHost.SUCCESS_EXIT_STATUS).isEqualTo("75 143");
  }
}

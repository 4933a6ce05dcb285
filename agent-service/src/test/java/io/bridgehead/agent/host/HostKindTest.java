package io.bridgehead.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostKindTest {
  @Test
  void parseAcceptsOptionNames() {
    for (HostKind kind : HostKind.values()) {
      assertThat(HostKind.parse(kind.optionName())).isEqualTo(kind);
    }
  }

  @Test
  void parseRejectsOtherValues() {
    assertThatThrownBy(() -> HostKind.parse("Systemd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid --service-host 'Systemd'; use auto, foreground, systemd or"
            + " windows");
  }

  @Test
  void autoPicksSystemdWithNotifySocket() {
    assertThat(HostKind.AUTO.resolve(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")))
        .isEqualTo(HostKind.SYSTEMD);
  }

  @Test
  void autoPicksForegroundWithoutNotifySocket() {
    assertThat(HostKind.AUTO.resolve(Map.of())).isEqualTo(HostKind.FOREGROUND);
    assertThat(HostKind.AUTO.resolve(Map.of("NOTIFY_SOCKET", ""))).isEqualTo(
        HostKind.FOREGROUND);
  }

  @Test
  void autoNeverPicksWindows() {
    Map<String, String> scmLike = Map.of("USERNAME", "SYSTEM", "OS", "Windows_NT");

    assertThat(HostKind.AUTO.resolve(scmLike)).isEqualTo(HostKind.FOREGROUND);
  }

  @Test
  void explicitKindIgnoresEnvironment() {
    Map<String, String> systemd = Map.of("NOTIFY_SOCKET", "@notify");

    assertThat(HostKind.FOREGROUND.resolve(systemd)).isEqualTo(HostKind.FOREGROUND);
    assertThat(HostKind.WINDOWS.resolve(systemd)).isEqualTo(HostKind.WINDOWS);
  }
}

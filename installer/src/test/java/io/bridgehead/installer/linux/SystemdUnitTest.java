package io.bridgehead.installer.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
  @Test
  void quoteLeavesPlainWords() {
    assertThat(SystemdUnit.quote("/opt/bridgehead/current/bin/bridgehead"))
        .isEqualTo("/opt/bridgehead/current/bin/bridgehead");
  }

  @Test
  void quoteWrapsSpacesAndEscapesSpecifiers() {
    assertThat(SystemdUnit.quote("/srv/my agents")).isEqualTo("\"/srv/my agents\"");
    assertThat(SystemdUnit.quote("/srv/100%")).isEqualTo("/srv/100%%");
    assertThat(SystemdUnit.quote("/srv/$HOME")).isEqualTo("/srv/$$HOME");
    assertThat(SystemdUnit.quote("a\"b")).isEqualTo("\"a\\\"b\"");
  }

  @Test
  void renderHasServiceOptions() {
    String text = new SystemdUnit("Bridgehead automation service", "bridgehead",
        List.of("/opt/bridgehead/current/bin/bridgehead", "agent", "run"),
        Path.of("/var/lib/bridgehead/automation")).render();

    assertThat(text.lines()).contains("Type=notify", "User=bridgehead",
        "ExecStart=/opt/bridgehead/current/bin/bridgehead agent run",
        "SuccessExitStatus=75 143", "RuntimeDirectoryPreserve=yes", "ProtectSystem=full");
    assertThat(text.lines()).noneMatch(line -> line.startsWith("ProtectHome"));
  }
}

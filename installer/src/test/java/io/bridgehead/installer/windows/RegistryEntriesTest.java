package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryEntriesTest {

  @Test
  void eventLogSourceKey() {
    assertThat(EventLogSource.KEY)
        .isEqualTo("SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\Bridgehead");
    assertThat(EventLogSource.TYPES_SUPPORTED).isEqualTo(7);
  }

  @Test
  void consoleAutostartValue() {
    assertThat(ConsoleAutostart.RUN_KEY)
        .isEqualTo("Software\\Microsoft\\Windows\\CurrentVersion\\Run");
    assertThat(ConsoleAutostart.valueData(List.of(
        "C:\\Program Files\\Bridgehead\\Bridgehead.exe", "console")))
        .isEqualTo("\"C:\\Program Files\\Bridgehead\\Bridgehead.exe\" console");
  }
}

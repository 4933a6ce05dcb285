package io.bridgehead.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {
  @Test
  void optionsAreParsed() {
    ConsoleOptions options = ConsoleOptions.parse(List.of("--ipc-dir", "/tmp/run", "--page",
        "jobs", "--instance-dir", "/tmp/console"));

    assertThat(options.socketDirectory()).isEqualTo(Path.of("/tmp/run"));
    assertThat(options.instanceDirectory()).isEqualTo(Path.of("/tmp/console"));
    assertThat(options.page()).isEqualTo("Jobs");
    assertThat(options.help()).isFalse();
  }

  @Test
  void unknownPageIsRejected() {
    assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--page", "Billing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Billing' is not a page");
  }

  @Test
  void missingFolderIsRejected() {
    assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--ipc-dir")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--ipc-dir needs a folder");
  }
}

package io.bridgehead.installer.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DesktopEntryTest {

  @Test
  void defaultSocketsLeaveOutIpcDir() {
    String entry = DesktopEntry.render(Path.of("/opt/bridgehead/current/bin/bridgehead"), null);

    assertThat(entry).contains("\nExec=/opt/bridgehead/current/bin/bridgehead console\n");
  }

  @Test
  void otherSocketsArePassed() {
    String entry = DesktopEntry.render(Path.of("/tmp/r/opt/bridgehead/current/bin/bridgehead"),
        Path.of("/tmp/my root/run/bridgehead"));

    assertThat(entry).contains("\nExec=/tmp/r/opt/bridgehead/current/bin/bridgehead console"
        + " --ipc-dir \"/tmp/my root/run/bridgehead\"\n");
  }
}

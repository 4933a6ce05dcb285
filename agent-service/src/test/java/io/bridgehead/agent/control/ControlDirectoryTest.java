package io.bridgehead.agent.control;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks POSIX file modes")
class ControlDirectoryTest {
  @TempDir
  Path folder;

  @Test
  void ownPrivateDirectoryPasses() throws IOException {
    Path run = Files.createDirectory(folder.resolve("run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));

    assertThatCode(() -> ControlDirectory.checkNotShared(run)).doesNotThrowAnyException();
  }

  @Test
  void missingDirectoryPasses() {
    assertThatCode(() -> ControlDirectory.checkNotShared(folder.resolve("absent")))
        .doesNotThrowAnyException();
  }

  @Test
  void worldWritableDirectoryRejected() throws IOException {
    Path run = Files.createDirectory(folder.resolve("run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> ControlDirectory.checkNotShared(run))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(run.toString())
        .hasMessageContaining("writable by other users");
  }
}

package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "sets POSIX permissions")
class PathInterpreterLocatorTest {
  @TempDir
  Path temp;

  @Test
  void findsFirstExecutableOnPath() throws Exception {
    Path first = Files.createDirectories(temp.resolve("first"));
    Path second = Files.createDirectories(temp.resolve("second"));
    Files.writeString(first.resolve("pwsh"), "not executable");
    Path executable = executable(second.resolve("pwsh"));
    String path = first + File.pathSeparator + File.pathSeparator + second;

    PathInterpreterLocator locator = new PathInterpreterLocator(path, null, false);

    assertThat(locator.find("pwsh")).contains(executable);
    assertThat(locator.find("powershell")).isEmpty();
  }

  @Test
  void triesPathextOnWindows() throws Exception {
    Path executable = executable(temp.resolve("pwsh.exe"));

    PathInterpreterLocator locator =
        new PathInterpreterLocator(temp.toString(), ".COM;.EXE", true);

    assertThat(locator.find("pwsh")).contains(executable);
  }

  @Test
  void unsetPathFindsNothing() {
    assertThat(new PathInterpreterLocator(null, null, false).find("sh")).isEmpty();
  }

  private static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}

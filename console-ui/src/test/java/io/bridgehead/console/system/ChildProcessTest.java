package io.bridgehead.console.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs shell scripts as children, so these tests need a POSIX shell at /bin/sh. */
class ChildProcessTest {
  /** Four times the 64 KiB that a Linux pipe buffers by default. */
  private static final int LARGE_OUTPUT_BYTES = 256 * 1024;

  @TempDir
  Path folder;

  private Path script(String body) throws IOException {
    Path script = folder.resolve("child.sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void largeOutputDoesNotBlock() throws Exception {
    // Lines of "x\n", so the last line before "done" is complete.
    Path child = script("yes x | head -c " + LARGE_OUTPUT_BYTES + "\necho done >&2\nexit 3");

    ChildProcess.Finished finished = ChildProcess.run(List.of(child.toString()), 10);

    assertThat(finished.exitCode()).isEqualTo(3);
    assertThat(finished.output()).startsWith("x\nx\n");
    assertThat(finished.output()).endsWith("x\ndone");
    assertThat(finished.output()).hasSize(LARGE_OUTPUT_BYTES + "done".length());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void slowChildTimesOut() throws Exception {
    Path child = script("echo started\nexec sleep 30");

    assertThatThrownBy(() -> ChildProcess.run(List.of(child.toString()), 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(child.toString())
        .hasMessageContaining("timed out after 1 s");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void systemctlFailureShowsOutput() throws Exception {
    Path systemctl = script("yes y | head -c " + LARGE_OUTPUT_BYTES + "\n"
        + "echo \"unit $2 not found\" >&2\nexit 5");

    assertThatThrownBy(() -> new SystemdServices(systemctl, true).start("automation"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("failed with exit code 5")
        .hasMessageEndingWith("unit bridgehead-automation not found");
  }
}

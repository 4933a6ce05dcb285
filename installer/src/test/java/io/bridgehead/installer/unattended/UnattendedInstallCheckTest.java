package io.bridgehead.installer.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.distribution.Distribution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that {@code install --unattended} makes before it changes anything. */
class UnattendedInstallCheckTest {
  @TempDir
  Path root;

  @Test
  void fileInPathFailsBeforeChanges() throws IOException {
    Files.writeString(root.resolve("opt"), "not a folder");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    UnattendedInstall install = new UnattendedInstall(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream("bhk_unused\n".getBytes(StandardCharsets.UTF_8)),
        () -> new Distribution("1.0.0", List.of(), null, Path.of("java"), "Main"));

    int exitCode = install.run(List.of("--unattended", "--accept-license", "--root",
        root.toString(), "--tenant", "https://127.0.0.1:9", "--enrollment-key", "-",
        "--log-file", root.resolve("install.log").toString(), "--no-start"));

    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).isEqualTo(UnattendedInstall.INVALID_ARGUMENT);
    assertThat(output).contains("cannot create the install folder "
        + root.resolve("opt/bridgehead"));
    assertThat(output).contains(root.resolve("opt") + " is a file, not a folder");
    assertThat(root.resolve("var")).doesNotExist();
  }
}

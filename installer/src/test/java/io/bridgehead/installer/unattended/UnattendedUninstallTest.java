package io.bridgehead.installer.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.record.ProxyChoice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnattendedUninstallTest {
  @TempDir
  Path root;

  @Test
  void recordOfOtherRootRejected(@TempDir Path otherRoot) throws IOException {
    Path installDir = Files.createDirectories(root.resolve("opt/bridgehead"));
    Path dataDir = Files.createDirectories(root.resolve("var/lib/bridgehead"));
    new InstallRecord("1.0", Instant.now(), otherRoot.toString(), installDir.toString(),
        dataDir.toString(), "folder", List.of(), List.of(), List.of(), List.of(),
        List.of(installDir.toString()), List.of(), ProxyChoice.SYSTEM)
        .write(dataDir.resolve("install.json"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exitCode = new UnattendedUninstall(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run(List.of("--root", root.toString()));

    assertThat(exitCode).isEqualTo(UnattendedInstall.INVALID_ARGUMENT);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("with --root " + otherRoot);
    assertThat(installDir).exists();
  }

  @Test
  void rootThatIsFileRejected() throws IOException {
    Path file = Files.writeString(root.resolve("file"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exitCode = new UnattendedUninstall(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of("--root", file.toString()));

    assertThat(exitCode).isEqualTo(UnattendedInstall.INVALID_ARGUMENT);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is a file, not a folder");
  }
}

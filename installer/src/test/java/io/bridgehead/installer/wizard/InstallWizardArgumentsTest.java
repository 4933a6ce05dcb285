package io.bridgehead.installer.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.wizard.command.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arguments of {@code bridgehead install} without --unattended, checked before a window. */
class InstallWizardArgumentsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... arguments) throws InterruptedException {
    return InstallWizard.run(List.of(arguments), new CommandRunner(List.of("not-run")),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsage() throws InterruptedException {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: bridgehead install"
        + " [--root DIR]");
  }

  @Test
  void unknownOptionIsInvalid() throws InterruptedException {
    assertThat(run("--tenant", "https://t")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid argument '--tenant'")
        .contains("bridgehead install --unattended");
  }

  @Test
  void rootWithoutFolderIsInvalid() throws InterruptedException {
    assertThat(run("--root")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--root needs a folder");
  }
}

package io.bridgehead.installer.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Checks the usage and argument errors of {@code packaging/build.sh}, which it reports before
 * it looks for the build output or runs jpackage, so these runs take milliseconds. Building
 * the packages themselves takes minutes and stays out of the test run.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class BuildScriptUsageTest {
  /** Surefire runs the tests in the module's folder, one below the repository's root. */
  private static final Path SCRIPT =
      Path.of("").toAbsolutePath().getParent().resolve("packaging/build.sh");

  private record Result(int exitCode, String stdout, String stderr) {
  }

  @Test
  void helpPrintsUsage() throws Exception {
    Result result = run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("Usage: packaging/build.sh [--dest DIR] app-image|deb");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void missingTypeRejected() throws Exception {
    Result result = run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith("build.sh: missing package type: give app-image or deb\n");
  }

  @Test
  void unknownTypeRejected() throws Exception {
    Result result = run("rpm");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith("build.sh: unknown package type 'rpm': give app-image or deb\n");
  }

  @Test
  void secondTypeRejected() throws Exception {
    Result result = run("app-image", "deb");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith("build.sh: more than one package type: 'app-image' and 'deb'\n");
  }

  @Test
  void unknownOptionRejected() throws Exception {
    Result result = run("--bogus", "deb");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("build.sh: unknown option '--bogus'\n");
    assertThat(result.stderr()).contains("Run 'packaging/build.sh --help' for the usage.");
  }

  @Test
  void destWithoutFolderRejected() throws Exception {
    Result result = run("deb", "--dest");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("build.sh: missing folder after --dest\n");
  }

  private static Result run(String... arguments) throws IOException, InterruptedException {
    assertThat(SCRIPT).isRegularFile();
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    Path stdout = Files.createTempFile("build-sh", ".out");
    Path stderr = Files.createTempFile("build-sh", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("build.sh " + String.join(" ", arguments)
            + " did not exit within 10 s");
      }
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}

package io.bridgehead.installer.linux;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs system programs such as {@code systemctl} and {@code useradd} and checks the result. */
public final class Commands {
  private static final long TIMEOUT_SECONDS = 120;

  private Commands() {}

  /**
   * Runs a command and returns its exit code and output.
   *
   * @throws IOException when the program cannot start or does not end within 2 minutes
   */
  public static Result run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("'" + String.join(" ", command) + "' did not end within "
            + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for '" + String.join(" ", command)
          + "'", e);
    }
  }

  /**
   * Runs a command that must succeed.
   *
   * @throws IOException naming the command, its exit code and its output when it fails
   */
  public static String check(List<String> command) throws IOException {
    Result result = run(command);
    if (result.exitCode() != 0) {
      throw new IOException("'" + String.join(" ", command) + "' failed with exit code "
          + result.exitCode() + (result.output().isEmpty() ? "" : ": " + result.output()));
    }
    return result.output();
  }

  /**
   * A finished command.
   *
   * @param exitCode the program's exit code
   * @param output standard output and error, interleaved, trimmed
   */
  public record Result(int exitCode, String output) {}
}

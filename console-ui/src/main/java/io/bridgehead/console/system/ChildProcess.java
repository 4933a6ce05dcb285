package io.bridgehead.console.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end with a time-out. Its standard output and error go to a
 * temporary file while it runs, so a child that writes more than a pipe buffers cannot block
 * on a full pipe until the time-out.
 */
final class ChildProcess {
  /**
   * The exit code and the combined standard output and error, stripped.
   */
  record Finished(int exitCode, String output) {}

  private ChildProcess() {}

  /**
   * Runs {@code command} and waits for it to end.
   *
   * @throws IOException when the child cannot start, or is still running after
   *     {@code timeoutSeconds} and so was killed
   */
  static Finished run(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("bridgehead-console-child", ".log");
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      process.getOutputStream().close();
      boolean ended;
      try {
        ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        throw e;
      }
      if (!ended) {
        process.destroyForcibly();
        throw new IOException("'" + String.join(" ", command) + "' timed out after "
            + timeoutSeconds + " s and was stopped");
      }
      return new Finished(process.exitValue(),
          Files.readString(output, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(output);
    }
  }
}

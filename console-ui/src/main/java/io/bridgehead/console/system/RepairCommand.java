package io.bridgehead.console.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code bridgehead repair --progress} as a child process with this JVM's class path and
 * hands each line it prints to a listener as it comes, so that the console shows every step
 * while the repair runs. The repair stops and starts the services, so it cannot run inside one
 * of them.
 */
public final class RepairCommand {
  /**
   * How long a repair may take: stopping a service can take 90 s, waiting for the services to
   * be healthy 2 min, and a download from the tenant more.
   */
  private static final long TIMEOUT_MINUTES = 15;

  private final List<String> command;

  /** Makes the command that repairs the installation whose data folder is {@code dataDir}. */
  public RepairCommand(Path dataDir) {
    this.command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CheckCommand.LAUNCHER_MAIN, "repair",
        "--data-dir", dataDir.toString(), "--progress");
  }

  /** Returns the command line, for the log and for tests. */
  public List<String> command() {
    return command;
  }

  /**
   * Runs the repair and waits for it; blocks, so call it off the FX thread.
   *
   * @param lines receives each line of standard output and error, on this thread
   * @return the exit code: 0 when the services run again
   * @throws IOException when the child cannot start or ran past the time-out and was killed
   */
  public int run(Consumer<String> lines) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command))
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.accept(line);
      }
    } catch (IOException e) {
      process.destroyForcibly();
      throw e;
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("the repair ran longer than " + TIMEOUT_MINUTES
            + " minutes and was stopped");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    return process.exitValue();
  }
}

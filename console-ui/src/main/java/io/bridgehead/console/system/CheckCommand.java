package io.bridgehead.console.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code bridgehead check} as a child process with this JVM's class path, to test the
 * connection to the tenant. Versions of the launcher without that command exit with an
 * unknown-command error, which {@link Result#missing()} reports.
 */
public final class CheckCommand {
  /** The launcher's entry point, by name, because the console must not depend on it. */
  static final String LAUNCHER_MAIN = "io.bridgehead.launcher.Main";
  private static final long TIMEOUT_SECONDS = 120;

  /**
   * The output and exit code of a check.
   *
   * @param missing true when this installation has no {@code bridgehead check} command
   */
  public record Result(int exitCode, String output, boolean missing) {}

  private final List<String> command;

  /** Makes the command from this JVM's java and class path, with extra arguments. */
  public CheckCommand(List<String> arguments) {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LAUNCHER_MAIN, "check"));
    line.addAll(arguments);
    this.command = List.copyOf(line);
  }

  /** Runs the check and waits for it; blocks, so call it off the FX thread. */
  public Result run() throws IOException, InterruptedException {
    if (!launcherPresent()) {
      return new Result(-1, "", true);
    }
    ChildProcess.Finished finished = ChildProcess.run(command, TIMEOUT_SECONDS);
    String output = finished.output();
    boolean missing = finished.exitCode() == 2 && output.contains("unknown command 'check'");
    return new Result(finished.exitCode(), output, missing);
  }

  private static boolean launcherPresent() {
    try {
      Class.forName(LAUNCHER_MAIN, false, CheckCommand.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}

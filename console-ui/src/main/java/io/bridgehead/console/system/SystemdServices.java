package io.bridgehead.console.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code systemctl start|stop bridgehead-<role>}, which needs root. */
final class SystemdServices implements SystemServices {
  private static final long TIMEOUT_SECONDS = 90;

  private final Path systemctl;
  private final boolean root;

  SystemdServices(Path systemctl, boolean root) {
    this.systemctl = systemctl;
    this.root = root;
  }

  @Override
  public boolean canControl() {
    return root;
  }

  @Override
  public String reason() {
    return root ? "" : "Starting and stopping services needs root; run the console as root,"
        + " or use 'sudo systemctl start|stop bridgehead-<role>'";
  }

  @Override
  public void start(String role) throws IOException, InterruptedException {
    run("start", role);
  }

  @Override
  public void stop(String role) throws IOException, InterruptedException {
    run("stop", role);
  }

  /** Returns the unit name of a role, such as {@code bridgehead-automation}. */
  static String unit(String role) {
    return "bridgehead-" + role;
  }

  private void run(String verb, String role) throws IOException, InterruptedException {
    List<String> command = List.of(systemctl.toString(), verb, unit(role));
    ChildProcess.Finished finished = ChildProcess.run(command, TIMEOUT_SECONDS);
    if (finished.exitCode() != 0) {
      String output = finished.output();
      throw new IOException("'" + String.join(" ", command) + "' failed with exit code "
          + finished.exitCode() + (output.isEmpty() ? "" : ": " + output));
    }
  }
}

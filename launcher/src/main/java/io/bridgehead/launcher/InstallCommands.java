package io.bridgehead.launcher;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.unattended.UnattendedInstall;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bridgehead install --unattended}. Main opens the wizard instead when the option is
 * missing.
 */
final class InstallCommands {
  private InstallCommands() {}

  static ExitCode install(List<String> arguments, PrintStream out, PrintStream err)
      throws CommandException {
    // The program files to install are the ones this command runs from.
    UnattendedInstall install = new UnattendedInstall(out, err, System.in,
        () -> Distribution.running(Main.class, AgentVersion.current()));
    return ExitCode.of(install.run(arguments));
  }
}

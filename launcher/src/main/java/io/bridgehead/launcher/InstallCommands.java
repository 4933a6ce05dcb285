package io.bridgehead.launcher;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.repair.RepairCommand;
import io.bridgehead.installer.unattended.UnattendedInstall;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bridgehead install --unattended} and {@code bridgehead repair}. Main opens the wizard
 * instead of the install when {@code --unattended} is missing.
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

  static ExitCode repair(List<String> arguments, PrintStream out, PrintStream err) {
    // The last source of program files is the program this command runs from.
    RepairCommand repair = new RepairCommand(out, err,
        () -> Distribution.running(Main.class, AgentVersion.current()));
    return ExitCode.of(repair.run(arguments));
  }
}

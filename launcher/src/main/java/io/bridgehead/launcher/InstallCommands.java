package io.bridgehead.launcher;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.unattended.UnattendedInstall;
import java.io.PrintStream;
import java.util.List;

/** {@code bridgehead install}: the unattended command line, or the wizard without it. */
final class InstallCommands {
  private InstallCommands() {}

  static ExitCode install(List<String> arguments, PrintStream out, PrintStream err)
      throws CommandException {
    if (!arguments.contains("--unattended")) {
      // TODO: open the installation wizard here once the installer module has it.
      throw CommandException.invalid("the installation wizard is not in this build; install"
          + " with 'bridgehead install --unattended' (see 'bridgehead install --help')");
    }
    // The program files to install are the ones this command runs from.
    UnattendedInstall install = new UnattendedInstall(out, err, System.in,
        () -> Distribution.running(Main.class, AgentVersion.current()));
    return ExitCode.of(install.run(arguments));
  }
}

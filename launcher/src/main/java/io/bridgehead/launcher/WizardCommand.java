package io.bridgehead.launcher;

import io.bridgehead.installer.wizard.InstallWizard;
import io.bridgehead.installer.wizard.command.CommandRunner;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bridgehead install} without {@code --unattended}: opens the installation wizard,
 * which runs this same program's {@code install --unattended}, {@code check} and
 * {@code console} commands as child processes of this JVM's class path.
 *
 * <p>JavaFX and ControlsFX run from the class path, so they share the unnamed module and
 * ControlsFX reaches JavaFX's internals without {@code --add-opens} or {@code --add-exports};
 * neither bin/bridgehead nor the tests pass any. On the module path they would need them.
 */
final class WizardCommand {
  private WizardCommand() {}

  /** Returns whether the arguments of {@code install} ask for the wizard. */
  static boolean wanted(List<String> rest) {
    return !rest.contains("--unattended");
  }

  /** Opens the wizard and returns its exit code when it closes. */
  static int run(List<String> rest, PrintStream out, PrintStream err)
      throws InterruptedException {
    return InstallWizard.run(rest, CommandRunner.thisJvm(Main.class.getName()), out, err);
  }
}

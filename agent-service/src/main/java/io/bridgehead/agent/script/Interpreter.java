package io.bridgehead.agent.script;

import io.bridgehead.wire.ScriptShell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An interpreter chosen for a run.
 *
 * @param shell the shell the script is written for
 * @param executable the interpreter's executable file
 * @param options the command-line options that come before the script file
 * @param entryFileName the file in the run folder that the interpreter runs
 */
record Interpreter(ScriptShell shell, Path executable, List<String> options, String entryFileName) {
  static final String SH_SCRIPT_FILE = "task.sh";
  static final String POWERSHELL_SCRIPT_FILE = "task.ps1";
  static final String POWERSHELL_WRAPPER_FILE = "bridgehead.ps1";

  private static final Path BIN_SH = Path.of("/bin/sh");

  /**
   * Chooses the interpreter for a shell: {@code /bin/sh} for sh, and for PowerShell
   * {@code pwsh}, else on Windows {@code powershell} (Windows PowerShell 5.1).
   *
   * @throws ScriptSetupException when the shell cannot run on this platform or no interpreter
   *     is installed; the message names what to install or change
   */
  static Interpreter resolve(ScriptShell shell, InterpreterLocator locator, boolean windows)
      throws ScriptSetupException {
    if (shell == ScriptShell.SH) {
      if (windows) {
        throw new ScriptSetupException("sh scripts cannot run on Windows:"
            + " rewrite the task in PowerShell or run it on a Linux or macOS agent");
      }
      return new Interpreter(shell, BIN_SH, List.of(), SH_SCRIPT_FILE);
    }
    List<String> options = new ArrayList<>(List.of("-NoProfile", "-NonInteractive"));
    if (windows) {
      // The execution policy exists on Windows only; other platforms always allow scripts.
      options.addAll(List.of("-ExecutionPolicy", "Bypass"));
    }
    options.add("-File");
    Path executable = locator.find("pwsh")
        .or(() -> windows ? locator.find("powershell") : Optional.empty())
        .orElseThrow(() -> new ScriptSetupException(missingPowerShellMessage(windows)));
    return new Interpreter(shell, executable, List.copyOf(options), POWERSHELL_WRAPPER_FILE);
  }

  /** Returns the command line that runs the entry file of the given run folder. */
  List<String> command(Path runFolder) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(options);
    command.add(runFolder.resolve(entryFileName).toString());
    return command;
  }

  private static String missingPowerShellMessage(boolean windows) {
    String missing = windows
        ? "neither PowerShell 7 (pwsh) nor Windows PowerShell (powershell.exe) was found"
        : "PowerShell 7 (pwsh) is not installed";
    return missing + " on the PATH of the agent service: install PowerShell 7 from Microsoft's"
        + " package repository (packages.microsoft.com, package 'powershell') or from"
        + " https://github.com/PowerShell/PowerShell/releases, make sure pwsh is on the"
        + " service's PATH, and restart the agent";
  }
}

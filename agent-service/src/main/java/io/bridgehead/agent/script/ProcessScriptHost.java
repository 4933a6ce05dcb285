package io.bridgehead.agent.script;

import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskVariables;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each script as a child process of the service.
 *
 * <p>For each run it creates a private work folder under the request's work root and writes
 * the script ({@code task.sh} or {@code task.ps1}) and the input variables ({@code input.json})
 * to it. The script runs with that folder as its working directory and with the service's
 * environment plus:
 *
 * <ul>
 *   <li>{@code BRIDGEHEAD_INPUT}: the path of {@code input.json}, a JSON object of strings;
 *   <li>{@code BRIDGEHEAD_RESULT}: the path where the script may write one JSON value as its
 *       result, at most 1 MiB; standard output is never parsed as the result;
 *   <li>for sh, each variable as an environment variable of the same name, and
 *       {@code LANG} and {@code LC_ALL} set to {@code C.UTF-8} when neither is set;
 *   <li>for PowerShell, a wrapper that loads the variables into {@code $BridgeheadInput} and
 *       into PowerShell variables, and defines {@code Set-BridgeheadResult}.
 * </ul>
 *
 * <p>Other {@code BRIDGEHEAD_*} variables of the service's environment are removed, so that the
 * agent's own settings do not reach task scripts. The folder is deleted when the run ends.
 *
 * <pre>{@code
 * ScriptHost host = new ProcessScriptHost();
 * RunningScript run = host.start(request, (stream, line) -> logShipper.add(stream, line));
 * ScriptOutcome outcome = run.await();
 * }</pre>
 */
public final class ProcessScriptHost implements ScriptHost {
  private static final Logger log = LoggerFactory.getLogger(ProcessScriptHost.class);
  /** Environment variables the agent sets for sh scripts; tasks cannot override them. */
  private static final Set<String> RESERVED_SH_NAMES = Set.of("PATH", "HOME");
  private static final String RESERVED_PREFIX = "BRIDGEHEAD";
  /**
   * Variables systemd sets for the service itself (sd_notify(3), sd_watchdog_enabled(3)),
   * removed from a script's environment.
   */
  private static final Set<String> SERVICE_MANAGER_VARIABLES = Set.of("NOTIFY_SOCKET",
      "WATCHDOG_USEC", "WATCHDOG_PID");
  private static final String UTF8_LOCALE = "C.UTF-8";

  private final InterpreterLocator locator;
  private final ProcessTreeKiller killer;
  private final boolean windows;

  /** Creates a host that finds interpreters on the service's PATH. */
  public ProcessScriptHost() {
    this(InterpreterLocator.systemPath(), ProcessTreeKiller.forCurrentPlatform(),
        Platform.isWindows());
  }

  /**
   * Creates a host with its own interpreter discovery and process tree killer.
   *
   * @param windows whether to apply Windows rules: no sh, a fallback to Windows PowerShell 5.1
   */
  public ProcessScriptHost(InterpreterLocator locator, ProcessTreeKiller killer,
      boolean windows) {
    this.locator = locator;
    this.killer = killer;
    this.windows = windows;
  }

  @Override
  public RunningScript start(ScriptRequest request, OutputListener listener) {
    Instant startedAt = Instant.now();
    SecretMasker masker =
        SecretMasker.forVariables(request.variables(), request.secretNames());
    try {
      return launch(request, listener, masker, startedAt);
    } catch (ScriptSetupException e) {
      String message = masker.mask(e.getMessage());
      log.warn("A {} script did not start: {}", request.shell().wireName(), message);
      return new FinishedRun(ScriptOutcome.notStarted(message, startedAt));
    } catch (RuntimeException e) {
      String message = masker.mask("the agent could not start the script: " + e);
      log.error("A {} script did not start", request.shell().wireName(), e);
      return new FinishedRun(ScriptOutcome.notStarted(message, startedAt));
    }
  }

  private RunningScript launch(ScriptRequest request, OutputListener listener,
      SecretMasker masker, Instant startedAt) throws ScriptSetupException {
    checkVariableNames(request.shell(), request.variables());
    Interpreter interpreter = Interpreter.resolve(request.shell(), locator, windows);
    RunFolder folder = prepareFolder(request, interpreter);
    Process process;
    try {
      process = processBuilder(request, interpreter, folder).start();
    } catch (IOException | RuntimeException e) {
      folder.delete();
      throw new ScriptSetupException("could not start " + interpreter.executable() + ": "
          + e.getMessage() + "; check that it exists and the service may run it", e);
    }
    log.info("Started a {} script as process {} in {}", request.shell().wireName(),
        process.pid(), folder.path());
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      log.debug("Could not close the standard input of process {}", process.pid(), e);
    }
    return ProcessRun.watch(process, folder, request, listener, masker, killer, startedAt);
  }

  /**
   * Rejects names that break the wire's naming rule or that the agent sets itself, and for
   * PowerShell, names that differ only in case, because PowerShell variables ignore case.
   */
  static void checkVariableNames(ScriptShell shell, Map<String, String> variables)
      throws ScriptSetupException {
    try {
      TaskVariables.validate(variables);
    } catch (IllegalArgumentException e) {
      throw new ScriptSetupException(e.getMessage(), e);
    }
    Map<String, String> byUpperCase = new HashMap<>();
    for (String name : variables.keySet()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.startsWith(RESERVED_PREFIX)
          || (shell == ScriptShell.SH && RESERVED_SH_NAMES.contains(upper))) {
        throw new ScriptSetupException("variable '" + name + "' is reserved: a task cannot"
            + " override " + (shell == ScriptShell.SH ? "PATH, HOME or " : "")
            + "names that start with BRIDGEHEAD; rename the variable in the task");
      }
      String other = byUpperCase.put(upper, name);
      if (shell == ScriptShell.POWERSHELL && other != null) {
        throw new ScriptSetupException("variables '" + other + "' and '" + name
            + "' differ only in case, which PowerShell does not distinguish; rename one");
      }
    }
  }

  private static RunFolder prepareFolder(ScriptRequest request, Interpreter interpreter)
      throws ScriptSetupException {
    RunFolder folder;
    try {
      folder = RunFolder.create(request.workRoot());
    } catch (IOException | RuntimeException e) {
      throw new ScriptSetupException("could not create a run folder under "
          + request.workRoot() + ": " + e.getMessage()
          + "; check that the service may write there", e);
    }
    try {
      folder.writeInput(request.variables());
      folder.writeScript(interpreter, request.script());
      return folder;
    } catch (IOException | RuntimeException e) {
      folder.delete();
      throw new ScriptSetupException("could not write the script and its input to "
          + folder.path() + ": " + e.getMessage(), e);
    }
  }

  private ProcessBuilder processBuilder(ScriptRequest request, Interpreter interpreter,
      RunFolder folder) {
    List<String> command = new ArrayList<>(killer.launchPrefix());
    command.addAll(interpreter.command(folder.path()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.path().toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(
        name -> name.toUpperCase(Locale.ROOT).startsWith(RESERVED_PREFIX + "_"));
    // A script must not report to systemd in the service's name.
    environment.keySet().removeAll(SERVICE_MANAGER_VARIABLES);
    if (request.shell() == ScriptShell.SH) {
      environment.putAll(request.variables());
      // An operator's own locale wins; without any, sh tools would assume ASCII.
      if (!environment.containsKey("LANG") && !environment.containsKey("LC_ALL")) {
        environment.put("LANG", UTF8_LOCALE);
        environment.put("LC_ALL", UTF8_LOCALE);
      }
    }
    environment.put("BRIDGEHEAD_INPUT", folder.inputFile().toString());
    environment.put("BRIDGEHEAD_RESULT", folder.resultFile().toString());
    return builder;
  }
}

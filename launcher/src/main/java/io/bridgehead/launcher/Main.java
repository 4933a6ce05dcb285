package io.bridgehead.launcher;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.host.HostKind;
import io.bridgehead.agent.host.systemd.JournalStream;
import io.bridgehead.installer.repair.RepairCommand;
import io.bridgehead.installer.unattended.InstallUsage;
import io.bridgehead.installer.unattended.UnattendedUninstall;
import io.bridgehead.console.ConsoleMain;
import io.bridgehead.tenant.admin.AdminException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code bridgehead} command. It sets up logging for the kind of process
 * it becomes, then dispatches to the subcommand. A long-running tenant or agent logs to a
 * rolling file, and a short command logs warnings to standard error.
 */
public final class Main {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead COMMAND [ARGUMENTS]",
      "",
      "Bridgehead is an on-premises agent for cloud identity and automation tenants.",
      "",
      "Commands:",
      "  demo                    start a tenant and an agent in a temporary folder, run a",
      "                          sample task, print its result and stop both",
      "  tenant ...              run and administer the reference tenant",
      "                          (bridgehead tenant --help)",
      "  agent ...               enroll an agent and run its roles (bridgehead agent --help)",
      "  install ...             install the agent as system services: without --unattended",
      "                          in the installation wizard (bridgehead install --help)",
      "  uninstall ...           remove an installation (bridgehead uninstall --help)",
      "  repair ...              restore an installation's program files and services from",
      "                          its install record (bridgehead repair --help)",
      "  check ...               check that this host can reach and trust the tenant: DNS,",
      "                          proxy, TCP, TLS and the tenant's answer (bridgehead check",
      "                          --help)",
      "  release ...             make the release key and signed release packages",
      "                          (bridgehead release --help)",
      "  update apply|recover ...",
      "                          switch the installation to the version a service",
      "                          requested, or finish a stopped update (bridgehead update",
      "                          --help)",
      "  status, config, pool, logs",
      "                          read and change a running service (bridgehead status --help)",
      "  console                 open the tray console (bridgehead console --help)",
      "  --version               print the version",
      "  --help                  print this help",
      "",
      "Exit codes:",
      "  0 success; 1 the task or work failed; 2 invalid argument; 3 rejected by the tenant",
      "  (wrong key or token, or not found); 4 tenant unreachable or not trusted;",
      "  5 agent not enrolled or its credential rejected; 6 a wait ran out;",
      "  7 service not running; 8 access denied (the change needs root or an administrator);",
      "  9 install cancelled and undone; 10 install failed and undoing it failed too.",
      "  'update' has exit codes of its own (bridgehead update --help).");

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv));
  }

  /** Runs a command and returns its exit code; never calls {@link System#exit}. */
  public static int run(String[] argv) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    List<String> arguments = Arrays.asList(argv);
    configureLogging(arguments);
    if (arguments.isEmpty() || isHelp(arguments.get(0))) {
      out.println(USAGE);
      return arguments.isEmpty() ? ExitCode.INVALID_ARGUMENT.code() : ExitCode.OK.code();
    }
    List<String> rest = arguments.subList(1, arguments.size());
    try {
      // Without --unattended, install opens the wizard; its help is the install help.
      if (arguments.get(0).equals("install") && WizardCommand.wanted(rest)
          && !wantsHelp(rest)) {
        return WizardCommand.run(rest, out, err);
      }
      // The updater returns its own exit codes, which use the numbers of ExitCode, so 8 is
      // not allowed (not root), as for install, uninstall and repair.
      if (arguments.get(0).equals("update") && !wantsHelp(rest)) {
        return new UpdaterCommand(out, err).run(rest);
      }
      ExitCode code = switch (arguments.get(0)) {
        case "--version", "version" -> {
          out.println("bridgehead " + AgentVersion.current());
          yield ExitCode.OK;
        }
        case "demo" -> wantsHelp(rest) ? usage(out, Demo.USAGE) : new Demo(out).run(rest);
        case "tenant" -> wantsHelp(rest) ? usage(out, TenantCommands.USAGE)
            : new TenantCommands(out).run(rest);
        case "agent" -> wantsHelp(rest) ? usage(out, AgentCommands.USAGE)
            : new AgentCommands(out, System.in).run(rest);
        case "install" -> wantsHelp(rest) ? usage(out, InstallUsage.INSTALL)
            : InstallCommands.install(rest, out, err);
        case "uninstall" -> wantsHelp(rest) ? usage(out, InstallUsage.UNINSTALL)
            : ExitCode.of(new UnattendedUninstall(out, err).run(rest));
        case "repair" -> wantsHelp(rest) ? usage(out, RepairCommand.USAGE)
            : InstallCommands.repair(rest, out, err);
        case "check" -> wantsHelp(rest) ? usage(out, CheckCommand.USAGE)
            : new CheckCommand(out, System.in).run(rest);
        case "release" -> wantsHelp(rest) ? usage(out, ReleaseCommands.USAGE)
            : new ReleaseCommands(out).run(rest);
        case "update" -> usage(out, UpdaterCommand.USAGE);
        case "status", "config", "pool", "logs" -> wantsHelp(rest)
            ? usage(out, ServiceCommands.USAGE)
            : new ServiceCommands(out, System.in).run(arguments.get(0), rest);
        case "console" -> console(rest, out, err);
        default -> throw CommandException.invalid("unknown command '" + arguments.get(0)
            + "'; see 'bridgehead --help'");
      };
      return code.code();
    } catch (CommandException e) {
      err.println("bridgehead: " + e.getMessage());
      return e.exitCode().code();
    } catch (AdminException e) {
      CommandException mapped = TenantCommands.failure(e);
      err.println("bridgehead: " + mapped.getMessage());
      return mapped.exitCode().code();
    } catch (IOException e) {
      err.println("bridgehead: " + e.getMessage());
      return ExitCode.FAILED.code();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bridgehead: interrupted");
      return ExitCode.FAILED.code();
    }
  }

  /** Runs the console until it exits; it prints its own help and errors. */
  private static ExitCode console(List<String> rest, PrintStream out, PrintStream err) {
    int code = ConsoleMain.run(rest, out, err);
    return switch (code) {
      case 0 -> ExitCode.OK;
      case 2 -> ExitCode.INVALID_ARGUMENT;
      default -> ExitCode.FAILED;
    };
  }

  private static ExitCode usage(PrintStream out, String text) {
    out.println(text);
    return ExitCode.OK;
  }

  private static boolean isHelp(String word) {
    return word.equals("--help") || word.equals("-h") || word.equals("help");
  }

  /**
   * Returns whether a command's arguments ask for its help: "help" as the first word, or
   * --help or -h before any "--", which ends the options.
   */
  private static boolean wantsHelp(List<String> rest) {
    if (!rest.isEmpty() && rest.get(0).equals("help")) {
      return true;
    }
    for (String argument : rest) {
      if (argument.equals("--")) {
        return false;
      }
      if (argument.equals("--help") || argument.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Points Logback at the service configuration for the commands that keep running, with a
   * log folder under the data folder or, for {@code agent run}, in {@code --log-dir}. Under
   * systemd the service logs to the journal instead of standard error (see
   * {@link #logsToJournal}). This must happen before the first logger is made.
   */
  private static void configureLogging(List<String> arguments) {
    if (System.getProperty("logback.configurationFile") != null) {
      return;
    }
    String data = optionValue(arguments, "--data");
    Path logFolder;
    String logName;
    String configuration = "logback-service.xml";
    if (arguments.size() >= 2 && arguments.get(0).equals("tenant")
        && arguments.get(1).equals("start")) {
      logFolder = Folders.tenantData(data).resolve("logs");
      logName = "tenant";
    } else if (arguments.size() >= 2 && arguments.get(0).equals("agent")
        && arguments.get(1).equals("run")) {
      String role = optionValue(arguments, "--role");
      String logDir = optionValue(arguments, "--log-dir");
      logFolder = logDir == null ? Folders.agentData(data).resolve("logs")
          : Path.of(logDir).toAbsolutePath();
      logName = "agent-" + (role == null ? "service" : role.replaceAll("[^A-Za-z0-9_-]", ""));
      if (logsToJournal(arguments, System.getenv())) {
        configuration = "logback-journal.xml";
      }
    } else {
      return;
    }
    System.setProperty("bridgehead.log.dir", logFolder.toString());
    System.setProperty("bridgehead.log.name", logName);
    System.setProperty("logback.configurationFile", configuration);
  }

  /**
   * Returns whether {@code agent run} logs to the journal: with {@code --log-journal}, when
   * {@code JOURNAL_STREAM} names this process's standard output, or when the service
   * reports to systemd ({@code --service-host systemd}, or auto with {@code NOTIFY_SOCKET}).
   * An invalid {@code --service-host} counts as auto here; the command rejects it later.
   */
  static boolean logsToJournal(List<String> arguments, Map<String, String> environment) {
    if (arguments.contains("--log-journal") || JournalStream.isConnected(environment)) {
      return true;
    }
    HostKind kind;
    try {
      String value = optionValue(arguments, "--service-host");
      kind = value == null ? HostKind.AUTO : HostKind.parse(value);
    } catch (IllegalArgumentException e) {
      kind = HostKind.AUTO;
    }
    return kind.resolve(environment) == HostKind.SYSTEMD;
  }

  private static String optionValue(List<String> arguments, String option) {
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals(option) && i + 1 < arguments.size()) {
        return arguments.get(i + 1);
      }
      if (argument.startsWith(option + "=")) {
        return argument.substring(option.length() + 1);
      }
    }
    return null;
  }
}

package io.bridgehead.installer.unattended;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.distribution.DistributionLocator;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Ownership;
import io.bridgehead.installer.plan.Plan;
import io.bridgehead.installer.plan.PlanResult;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.record.Journal;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceManagers;
import io.bridgehead.installer.steps.InstallContext;
import io.bridgehead.installer.steps.InstallPlan;
import io.bridgehead.installer.steps.InstallSettings;
import io.bridgehead.wire.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bridgehead install --unattended}: checks the command line, reads the secrets, then
 * runs the install plan and undoes it when a step fails or a {@code cancel} line arrives.
 *
 * <pre>{@code
 * int exitCode = new UnattendedInstall(System.out, System.err, System.in,
 *     () -> Distribution.running(Main.class, version)).run(arguments);
 * }</pre>
 */
public final class UnattendedInstall {
  public static final int INVALID_ARGUMENT = 2;

  private final PrintStream out;
  private final PrintStream err;
  private final BufferedReader input;
  private final DistributionLocator distribution;
  private final boolean windows;

  public UnattendedInstall(PrintStream out, PrintStream err, InputStream in,
      DistributionLocator distribution) {
    this.out = out;
    this.err = err;
    this.input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.distribution = distribution;
    this.windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
        .startsWith("windows");
  }

  /** Runs the command and returns its exit code; see {@link InstallUsage#INSTALL}. */
  public int run(List<String> arguments) {
    InstallArguments parsed;
    InstallSecrets secrets;
    try {
      parsed = InstallArguments.parse(arguments, windows);
      secrets = InstallSecrets.read(parsed, new SecretReader(input));
    } catch (InvalidOptionException e) {
      err.println("bridgehead: " + e.getMessage());
      return INVALID_ARGUMENT;
    } catch (IOException e) {
      err.println("bridgehead: cannot read standard input: " + e.getMessage());
      return PlanResult.FAILED;
    }
    InstallLayout layout = windows
        ? InstallLayout.windows(parsed.root, parsed.installDir, parsed.dataDir)
        : InstallLayout.linux(parsed.root, parsed.installDir, parsed.dataDir);
    if (secrets.enrollment() == null) {
      for (Role role : parsed.modules) {
        Path data = layout.roleData(role);
        if (!Files.exists(data.resolve(AgentConfig.FILE_NAME))) {
          err.println("bridgehead: missing enrollment: the data folder " + data + " is not"
              + " enrolled yet, so give --enrollment-string-file FILE, --enrollment-string -"
              + " or --tenant URL with --enrollment-key-file FILE or --enrollment-key -");
          return INVALID_ARGUMENT;
        }
      }
    }
    InstallSettings settings = new InstallSettings(layout, parsed.modules, secrets.enrollment(),
        parsed.tags, parsed.serviceAccount, secrets.servicePassword(), parsed.proxy,
        secrets.proxyPassword(), parsed.proxyGiven, parsed.start, parsed.consoleAutostart,
        parsed.releaseKey);
    return install(parsed, settings);
  }

  private int install(InstallArguments parsed, InstallSettings given) {
    InstallSettings settings = given;
    InstallLayout layout = settings.layout();
    Journal journal = new Journal();
    Path logFile = parsed.logFile != null ? parsed.logFile : layout.defaultInstallLog();
    InstallLog log;
    try {
      log = InstallLog.open(logFile);
      if (parsed.logFile == null) {
        adoptLogFolders(log, layout, journal);
      }
    } catch (IOException e) {
      err.println("bridgehead: cannot write the install log " + logFile + " (" + e.getMessage()
          + "); going on without it");
      log = InstallLog.disabled();
    }
    try (InstallLog closing = log) {
      ConsoleProgress progress = new ConsoleProgress(out, parsed.progress, log);
      log.line("bridgehead install " + settings);
      InstallRecord previous;
      Distribution program;
      ServiceManager services;
      try {
        previous = Files.exists(layout.record()) ? InstallRecord.read(layout.record()) : null;
        program = distribution.locate();
        services = windows ? ServiceManagers.windows()
            : layout.inFolder() ? ServiceManagers.folder(layout.runDir())
            : ServiceManagers.systemd(layout.unitDir());
      } catch (IOException | IllegalStateException e) {
        progress.result(new PlanResult(PlanResult.Status.FAILED, PlanResult.FAILED,
            e.getMessage(), List.of()));
        return PlanResult.FAILED;
      }
      if (previous != null) {
        journal.addAll(previous);
        if (!settings.proxyGiven() && previous.proxy() != null) {
          // Without --proxy the enrolled data folders keep their proxy, so the unit files
          // and the record keep the earlier choice too.
          settings = settings.withRecordedProxy(previous.proxy());
        }
        if (previous.services().isEmpty() && !Files.exists(layout.installDir())) {
          progress.note("Found the data kept by 'bridgehead uninstall --keep-data' of version "
              + previous.version() + "; the install keeps its configuration and credentials.");
        } else {
          progress.note("Found an installation of version " + previous.version() + "; it is"
              + " upgraded in place, keeping its configuration and credentials.");
        }
      }
      Ownership ownership = windows || layout.inFolder() ? Ownership.none()
          : Ownership.of(settings.serviceAccount());
      String managerName = windows ? "windows" : layout.inFolder() ? "folder" : "systemd";
      InstallContext context = new InstallContext(settings, program, services, managerName,
          ownership, journal, previous, progress::note);
      CancelWatcher cancel = parsed.progress ? CancelWatcher.start(input, progress)
          : CancelWatcher.none();
      PlanResult result = new Plan(InstallPlan.steps(context), progress)
          .run(cancel::requested, "Installed Bridgehead " + program.version() + " in "
              + layout.installDir() + ".");
      if (result.status() == PlanResult.Status.OK) {
        summary(settings, parsed.dataDir);
      } else if (log.file() != null) {
        out.println("The install log is " + log.file() + ".");
      }
      return result.exitCode();
    } catch (IOException e) {
      err.println("bridgehead: cannot close the install log: " + e.getMessage());
      return PlanResult.FAILED;
    }
  }

  /**
   * Records the folders made for the default install log as the installation's own, so that
   * uninstall removes them. After a failed install they stay, with the log in them.
   */
  private static void adoptLogFolders(InstallLog log, InstallLayout layout, Journal journal) {
    for (Path folder : log.createdFolders()) {
      if (folder.equals(layout.logDir())) {
        journal.folder(folder);
      } else {
        journal.parentFolder(folder);
      }
    }
  }

  /**
   * Prints how to check and remove the installation.
   *
   * @param dataDir the {@code --data-dir} given, or null for the default
   */
  private void summary(InstallSettings settings, Path dataDir) {
    InstallLayout layout = settings.layout();
    if (settings.start() && layout.runDir() != null) {
      out.println("Check the service with: bridgehead status --ipc-dir " + layout.runDir());
    }
    out.println("Remove it with: bridgehead uninstall"
        + (layout.inFolder() ? " --root " + layout.root() : "")
        + (dataDir != null ? " --data-dir " + dataDir : ""));
  }
}

package io.bridgehead.installer.repair;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateResult;
import io.bridgehead.installer.distribution.DistributionLocator;
import io.bridgehead.installer.layout.CurrentPointer;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Ownership;
import io.bridgehead.installer.plan.Plan;
import io.bridgehead.installer.plan.PlanResult;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceManagers;
import io.bridgehead.installer.unattended.ConsoleProgress;
import io.bridgehead.installer.unattended.InstallLog;
import io.bridgehead.installer.unattended.InvalidOptionException;
import io.bridgehead.installer.update.UpdaterException;
import io.bridgehead.installer.update.UpdaterLock;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code bridgehead repair}: reads the install record, then runs the repair plan under the
 * updater's lock and writes how it ended to {@code updates/result.json}.
 *
 * <pre>{@code
 * int exitCode = new RepairCommand(System.out, System.err,
 *     () -> Distribution.running(Main.class, version)).run(arguments);
 * }</pre>
 */
public final class RepairCommand {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int INVALID_ARGUMENT = 2;
  /**
   * Not allowed: repairing an installation into the system needs root. The launcher's
   * ExitCode.ACCESS_DENIED, the code install and uninstall end with when not run as root.
   */
  public static final int NOT_ALLOWED = 8;

  public static final String USAGE = String.join("\n",
      "Usage: bridgehead repair [--root DIR] [--data-dir DIR] [--progress] [--log-file FILE]",
      "                         [--health-timeout DURATION]",
      "",
      "Puts an installation back in order from its install record (install.json): stops and",
      "unregisters the services, restores the program files of a version and the 'current'",
      "link, writes the unit files, registers and starts the services and waits until they",
      "run and reach the tenant. The program files come from the first of: the recorded",
      "version folder when every file matches its manifest; a verified release package in",
      "the data folder's updates/packages; the pool's wanted version downloaded from the",
      "tenant; the program files of this command. Configuration, credentials, outbox and",
      "logs are left as they are. How the repair ended is written to updates/result.json.",
      "",
      "Options:",
      "  --root DIR              the folder given to 'install --root'",
      "  --data-dir DIR          the data folder that holds install.json (default:",
      "                          /var/lib/bridgehead, under --root when given)",
      "  --progress              machine-readable progress lines on standard output",
      "  --log-file FILE         append the repair log to FILE (default: repair.log in the",
      "                          log folder)",
      "  --health-timeout DURATION",
      "                          how long each service may take to become healthy, such as",
      "                          90s or 5m (default: 120s)",
      "",
      "Exit codes: 0 repaired; 1 failed, or no install record found (the message says why);",
      "2 invalid argument, or the install record is of another --root or data folder;",
      "8 not allowed: repairing an installation into the system needs root.");

  private final PrintStream out;
  private final PrintStream err;
  private final DistributionLocator runningProgram;
  private final boolean windows;

  /**
   * Creates the command.
   *
   * @param runningProgram finds the program files that run this command, the last source
   */
  public RepairCommand(PrintStream out, PrintStream err, DistributionLocator runningProgram) {
    this.out = out;
    this.err = err;
    this.runningProgram = runningProgram;
    this.windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
        .startsWith("windows");
  }

  /** Runs the command and returns its exit code; see {@link #USAGE}. */
  public int run(List<String> arguments) {
    RepairArguments parsed;
    try {
      parsed = RepairArguments.parse(arguments, windows);
    } catch (InvalidOptionException e) {
      err.println("bridgehead: " + e.getMessage());
      return INVALID_ARGUMENT;
    }
    Path recordFile = parsed.dataDir().resolve("install.json");
    boolean administrator = windows || System.getProperty("user.name", "").equals("root");
    if (!administrator && Files.isDirectory(parsed.dataDir())
        && !Files.isExecutable(parsed.dataDir())) {
      err.println("bridgehead: cannot read the data folder " + parsed.dataDir() + "; repairing"
          + " an installation into the system needs root, so run it as root (with sudo)");
      return NOT_ALLOWED;
    }
    if (!Files.exists(recordFile)) {
      err.println("bridgehead: no installation found: the install record " + recordFile
          + " does not exist; give the --root or --data-dir the install used, or install"
          + " Bridgehead first with 'bridgehead install'");
      return FAILED;
    }
    InstallRecord record;
    try {
      record = InstallRecord.read(recordFile);
    } catch (AccessDeniedException e) {
      err.println("bridgehead: cannot read the install record " + recordFile + "; repairing"
          + " an installation into the system needs root, so run it as root (with sudo)");
      return NOT_ALLOWED;
    } catch (IOException e) {
      err.println("bridgehead: " + e.getMessage());
      return FAILED;
    }
    if (record.root() == null && !administrator) {
      err.println("bridgehead: repairing an installation into the system needs root; run it"
          + " as root (with sudo)");
      return NOT_ALLOWED;
    }
    String problem = recordProblem(record, parsed, recordFile);
    if (problem != null) {
      err.println("bridgehead: " + problem);
      return INVALID_ARGUMENT;
    }
    if (record.services().isEmpty()) {
      err.println("bridgehead: the install record " + recordFile + " lists no services: the"
          + " installation was removed with 'uninstall --keep-data'; install it again with"
          + " 'bridgehead install'");
      return FAILED;
    }
    return repair(parsed, record);
  }

  /** Returns why the record does not belong to the given folders, or null. */
  private static String recordProblem(InstallRecord record, RepairArguments parsed,
      Path recordFile) {
    Path recordRoot = record.root() == null ? null
        : Path.of(record.root()).toAbsolutePath().normalize();
    if (parsed.root() != null && !Objects.equals(recordRoot, parsed.root())) {
      return "the install record " + recordFile + " is of an install "
          + (recordRoot == null ? "into the system" : "with --root " + recordRoot)
          + ", not with --root " + parsed.root() + "; give the --root the install used";
    }
    if (!Path.of(record.dataDir()).normalize().equals(parsed.dataDir().normalize())) {
      return "the install record " + recordFile + " names the data folder "
          + record.dataDir() + "; give --data-dir " + record.dataDir();
    }
    return null;
  }

  /** Returns the layout the record was installed with. */
  private InstallLayout layout(InstallRecord record) {
    Path root = record.root() == null ? null : Path.of(record.root());
    Path installDir = Path.of(record.installDir());
    Path dataDir = Path.of(record.dataDir());
    if (windows) {
      // NOTE: never run; the Windows layout keeps its logs in the data folder.
      return new InstallLayout(root, installDir, dataDir, dataDir.resolve("logs"), null, null,
          null, true);
    }
    InstallLayout defaults = InstallLayout.linux(root, null, null);
    return new InstallLayout(root, installDir, dataDir, defaults.logDir(), defaults.runDir(),
        defaults.unitDir(), defaults.autostartDir(), false);
  }

  private int repair(RepairArguments parsed, InstallRecord record) {
    InstallLayout layout = layout(record);
    Path logFile = parsed.logFile() != null ? parsed.logFile()
        : layout.logDir().resolve("repair.log");
    InstallLog log;
    try {
      log = InstallLog.open(logFile);
    } catch (IOException e) {
      err.println("bridgehead: cannot write the repair log " + logFile + " (" + e.getMessage()
          + "); going on without it");
      log = InstallLog.disabled();
    }
    try (InstallLog closing = log) {
      StepRecorder progress = new StepRecorder(new ConsoleProgress(out, parsed.machine(), log,
          "repair"));
      log.line("bridgehead repair of the installation in " + layout.installDir()
          + ", version " + record.version());
      RepairContext context;
      UpdateFolder updates = UpdateFolder.of(layout.dataDir());
      try {
        context = context(parsed, record, layout, progress);
        prepareUpdateFolder(updates, context);
      } catch (IOException | IllegalStateException e) {
        progress.result(new PlanResult(PlanResult.Status.FAILED, FAILED, e.getMessage(),
            List.of()));
        return FAILED;
      }
      try (UpdaterLock lock = UpdaterLock.acquire(updates, () -> progress.note("An update or"
          + " another repair runs; waiting up to " + UpdaterLock.WAIT.toMinutes()
          + " minutes for it to end."))) {
        clearUnfinishedUpdate(updates, progress);
        // Without undo: each finished step leaves the installation closer to working.
        PlanResult result = new Plan(RepairPlan.steps(context), progress, false)
            .run(() -> false, "Repaired Bridgehead in " + layout.installDir() + ".");
        writeResult(updates, context, record, result, progress);
        return result.status() == PlanResult.Status.OK ? OK : FAILED;
      } catch (IOException | UpdaterException e) {
        progress.result(new PlanResult(PlanResult.Status.FAILED, FAILED, e.getMessage(),
            List.of()));
        return FAILED;
      }
    } catch (IOException e) {
      err.println("bridgehead: cannot close the repair log: " + e.getMessage());
      return FAILED;
    }
  }

  private RepairContext context(RepairArguments parsed, InstallRecord record,
      InstallLayout layout, StepRecorder progress) throws IOException {
    List<Role> roles = RecordedServices.roles(layout, record.services(), layout.record());
    ServiceManager services = switch (record.serviceManager()) {
      case "windows" -> ServiceManagers.windows();
      case "folder" -> ServiceManagers.folder(layout.runDir());
      // NOTE: the tests repair folder installs only, so the systemd path has never run.
      default -> ServiceManagers.systemd(layout.unitDir());
    };
    String account = RecordedServices.account(layout, roles.get(0));
    return new RepairContext(layout, record, roles, account, services, runningProgram,
        parsed.healthTimeout(), progress::note);
  }

  /**
   * Creates the update folder when an install before the update channel left none, and gives
   * it to the services' account, which writes its downloads and requests there.
   */
  private void prepareUpdateFolder(UpdateFolder updates, RepairContext context)
      throws IOException {
    if (Files.isDirectory(updates.dir())) {
      return;
    }
    Files.createDirectories(updates.dir());
    ownership(context).userAndGroup(updates.dir());
  }

  /** Returns the ownership of files made in the update folder. */
  private Ownership ownership(RepairContext context) {
    return windows || context.layout.inFolder() ? Ownership.none()
        : Ownership.of(context.serviceAccount);
  }

  /**
   * Deletes the journal and the request of an update that did not finish. Repair replaces
   * whatever that update changed. A journal left in place would make the next service start
   * roll the repaired installation back to the journal's version, and a request left in place
   * would keep the services from asking for any later update. A service that still wants the
   * version writes a new request.
   */
  private static void clearUnfinishedUpdate(UpdateFolder updates, StepRecorder progress)
      throws IOException {
    if (Files.deleteIfExists(updates.journal())) {
      progress.note("Deleted " + updates.journal() + ", left by an update that did not"
          + " finish; repair replaces what it changed.");
    }
    if (Files.deleteIfExists(updates.request())) {
      progress.note("Deleted the update request " + updates.request() + "; a service that"
          + " still wants that version asks again.");
    }
  }

  private static void writeResult(UpdateFolder updates, RepairContext context,
      InstallRecord record, PlanResult result, StepRecorder progress) {
    boolean ok = result.status() == PlanResult.Status.OK;
    String version;
    String running;
    try {
      version = context.source().version();
    } catch (IllegalStateException e) {
      version = record.version();
    }
    try {
      running = CurrentPointer.version(context.layout);
    } catch (IOException e) {
      running = null;
    }
    UpdateResult outcome = new UpdateResult(UpdateResult.REPAIR, version, record.version(),
        ok ? UpdateResult.OK : UpdateResult.FAILED, running, ok ? null : result.message(),
        progress.lines(), Instant.now());
    try {
      outcome.write(updates);
    } catch (IOException e) {
      progress.note("Warning: cannot write " + updates.result() + ": " + e.getMessage());
    }
  }
}

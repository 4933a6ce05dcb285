package io.bridgehead.installer.unattended;

import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.plan.PlanResult;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceManagers;
import io.bridgehead.installer.uninstall.Removal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code bridgehead uninstall}: removes what the install record lists, and nothing else.
 */
public final class UnattendedUninstall {
  private static final Set<String> VALUED = Set.of("root", "data-dir", "log-file");
  private static final Set<String> FLAGS = Set.of("keep-data", "progress");
  private static final int NOT_ADMINISTRATOR = 8;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean windows;

  public UnattendedUninstall(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    this.windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
        .startsWith("windows");
  }

  /** Runs the command and returns its exit code; see {@link InstallUsage#UNINSTALL}. */
  public int run(List<String> arguments) {
    Path root;
    Path dataDir;
    Path logFile;
    boolean keepData;
    boolean machine;
    try {
      Options options = Options.parse(arguments, VALUED, FLAGS);
      String rootText = options.value("root");
      root = rootText == null ? null : Path.of(rootText).toAbsolutePath().normalize();
      if (root != null && Files.exists(root) && !Files.isDirectory(root)) {
        throw new InvalidOptionException("--root " + root + " is a file, not a folder; give"
            + " the folder given to 'install --root'");
      }
      if (root != null && !Files.isDirectory(root)) {
        throw new InvalidOptionException("--root " + rootText + ": folder not found");
      }
      String dataText = options.value("data-dir");
      if (dataText != null && !Path.of(dataText).isAbsolute()) {
        throw new InvalidOptionException("--data-dir " + dataText + " is not an absolute"
            + " path; give the full path given at install");
      }
      dataDir = dataText == null ? null : Path.of(dataText);
      String logText = options.value("log-file");
      logFile = logText == null ? null : Path.of(logText).toAbsolutePath();
      keepData = options.flag("keep-data");
      machine = options.flag("progress");
    } catch (InvalidOptionException e) {
      err.println("bridgehead: " + e.getMessage());
      return UnattendedInstall.INVALID_ARGUMENT;
    }
    if (root == null && !windows && !System.getProperty("user.name", "").equals("root")) {
      err.println("bridgehead: uninstalling from the system needs root; run it with sudo");
      return NOT_ADMINISTRATOR;
    }
    InstallLayout layout = windows ? InstallLayout.windows(root, null, dataDir)
        : InstallLayout.linux(root, null, dataDir);
    return uninstall(layout, logFile, keepData, machine);
  }

  /**
   * Returns why the record does not fit this uninstall, or null: its root differs from
   * {@code --root}, or its install folder is a top-level folder such as {@code /usr}.
   */
  private static String recordProblem(InstallRecord record, InstallLayout layout) {
    Path recordRoot = record.root() == null ? null
        : Path.of(record.root()).toAbsolutePath().normalize();
    if (!Objects.equals(recordRoot, layout.root())) {
      return "the install record " + layout.record() + " is of an install "
          + (recordRoot == null ? "into the system" : "with --root " + recordRoot)
          + ", not " + (layout.root() == null ? "into the system" : "with --root "
          + layout.root()) + "; give the --root the install used";
    }
    if (Path.of(record.installDir()).toAbsolutePath().normalize().getNameCount() < 2) {
      return "the install record " + layout.record() + " names the install folder "
          + record.installDir() + ", which no install makes; check the record";
    }
    return null;
  }

  /** Returns the folders that the paths in the record must lie in. */
  private static List<Path> folders(InstallRecord record, InstallLayout layout) {
    List<Path> folders = new ArrayList<>();
    folders.add(Path.of(record.installDir()));
    for (Path folder : new Path[] {layout.dataDir(), layout.logDir(), layout.runDir(),
        layout.unitDir(), layout.autostartDir()}) {
      if (folder != null) {
        folders.add(folder);
      }
    }
    return folders;
  }

  private int uninstall(InstallLayout layout, Path logFile, boolean keepData,
      boolean machine) {
    Path recordFile = layout.record();
    if (!Files.exists(recordFile)) {
      err.println("bridgehead: no installation found: the install record " + recordFile
          + " does not exist; give the --root or --data-dir the install used");
      return PlanResult.FAILED;
    }
    InstallLog log = InstallLog.disabled();
    if (logFile != null) {
      try {
        log = InstallLog.open(logFile);
      } catch (IOException e) {
        err.println("bridgehead: cannot write the log " + logFile + " (" + e.getMessage()
            + "); going on without it");
      }
    }
    try (InstallLog closing = log) {
      ConsoleProgress progress = new ConsoleProgress(out, machine, log, "uninstall");
      InstallRecord record;
      ServiceManager services;
      try {
        record = InstallRecord.read(recordFile);
        services = switch (record.serviceManager()) {
          case "windows" -> ServiceManagers.windows();
          case "folder" -> ServiceManagers.folder(layout.runDir());
          default -> ServiceManagers.systemd(layout.unitDir());
        };
      } catch (IOException | IllegalStateException e) {
        progress.result(new PlanResult(PlanResult.Status.FAILED, PlanResult.FAILED,
            e.getMessage(), List.of()));
        return PlanResult.FAILED;
      }
      String problem = recordProblem(record, layout);
      if (problem != null) {
        progress.result(new PlanResult(PlanResult.Status.FAILED,
            UnattendedInstall.INVALID_ARGUMENT, problem, List.of()));
        return UnattendedInstall.INVALID_ARGUMENT;
      }
      List<String> left = new Removal(record, recordFile, folders(record, layout), services,
          keepData, progress).run();
      if (left.isEmpty()) {
        progress.result(new PlanResult(PlanResult.Status.OK, 0, "Removed Bridgehead "
            + record.version() + (keepData ? "; the data folder " + record.dataDir()
            + " is kept" : "") + ".", List.of()));
        return 0;
      }
      progress.result(new PlanResult(PlanResult.Status.INCOMPLETE, PlanResult.FAILED,
          "could not remove everything; left behind: " + String.join("; ", left), left));
      return PlanResult.FAILED;
    } catch (IOException e) {
      err.println("bridgehead: cannot close the log: " + e.getMessage());
      return PlanResult.FAILED;
    }
  }
}

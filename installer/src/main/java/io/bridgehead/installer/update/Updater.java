package io.bridgehead.installer.update;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateRequest;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bridgehead update apply|recover}: switches an installation to the version a service
 * requested in {@code updates/request.json}, or completes or undoes an update that a killed
 * updater left in {@code updates/journal.json}. Every run first takes {@code updater.lock},
 * then handles the journal, then (apply only) the request.
 *
 * <pre>{@code
 * int exitCode = new Updater(dataDir, Updater.DEFAULT_HEALTH_TIMEOUT, Main.class.getName(),
 *     System.out, System.getenv()).apply();
 * }</pre>
 */
public final class Updater {
  /** How long each service of a new version may take to be healthy by default. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);
  /** The minimum health time-out: a service's JVM takes about a second to start. */
  public static final Duration MIN_HEALTH_TIMEOUT = Duration.ofSeconds(1);
  /** The maximum health time-out. */
  public static final Duration MAX_HEALTH_TIMEOUT = Duration.ofHours(1);
  public static final int OK = 0;

  private final Path dataDir;
  private final Duration healthTimeout;
  private final String mainClass;
  private final PrintStream out;
  private final Map<String, String> environment;

  /**
   * Creates an updater.
   *
   * @param dataDir the installation data folder, which contains install.json and updates/
   * @param mainClass the class that a {@code bin/bridgehead} written for a package of jars
   *     only starts
   * @param environment the process environment, read for {@link HaltHook#VARIABLE}
   */
  public Updater(Path dataDir, Duration healthTimeout, String mainClass, PrintStream out,
      Map<String, String> environment) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.healthTimeout = healthTimeout;
    this.mainClass = mainClass;
    this.out = out;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Recovers an unfinished update, then applies the request, if any.
   *
   * @return {@link #OK} when there was nothing to do or the requested version runs healthy,
   *     {@link UpdaterException#FAILED} when the update was rolled back or failed
   */
  public int apply() throws UpdaterException, IOException, InterruptedException {
    return run(true);
  }

  /**
   * Completes or undoes an unfinished update, and leaves any request alone.
   *
   * @return {@link #OK} when there was nothing to recover or the installation runs healthy
   *     afterwards, {@link UpdaterException#FAILED} when not
   */
  public int recover() throws UpdaterException, IOException, InterruptedException {
    return run(false);
  }

  private int run(boolean applyRequest)
      throws UpdaterException, IOException, InterruptedException {
    HaltHook halt;
    try {
      halt = HaltHook.from(environment);
    } catch (IllegalArgumentException e) {
      throw new UpdaterException(UpdaterException.INVALID_ARGUMENT, HaltHook.VARIABLE + ": "
          + e.getMessage());
    }
    InstalledServices services = services();
    checkAllowed(services);
    UpdateFolder updates = UpdateFolder.of(dataDir);
    if (!Files.isDirectory(updates.dir())) {
      out.println("Nothing to do: " + updates.dir() + " does not exist, so no update was"
          + " requested");
      return OK;
    }
    try (UpdaterLock lock = UpdaterLock.acquire(updates, () -> out.println("Another updater"
            + " runs; waiting up to " + UpdaterLock.WAIT.toMinutes() + " minutes for it to end"));
        UpdaterLog log = UpdaterLog.open(updates.log(), out)) {
      UpdateRun run = new UpdateRun(services, updates, log, halt, healthTimeout, mainClass);
      boolean healthy = true;
      Optional<UpdateJournal> journal = readJournal(updates, services.layout(), log);
      if (journal.isPresent()) {
        healthy = run.recover(journal.get());
      }
      if (!applyRequest) {
        if (journal.isEmpty()) {
          log.line("No unfinished update to recover in " + updates.dir());
        }
        return healthy ? OK : UpdaterException.FAILED;
      }
      Optional<UpdateRequest> request;
      try {
        if (Files.exists(updates.request(), LinkOption.NOFOLLOW_LINKS)) {
          SharedFiles.checkWrittenByFolderOwner(updates.request());
        }
        request = UpdateRequest.read(updates);
      } catch (IOException e) {
        log.line("The update request is not valid and is removed: " + e.getMessage());
        Files.deleteIfExists(updates.request());
        return UpdaterException.FAILED;
      }
      if (request.isEmpty()) {
        if (journal.isEmpty()) {
          log.line("No update requested in " + updates.request());
        }
        return healthy ? OK : UpdaterException.FAILED;
      }
      // A recovery may have changed the record's version, so the services are read again.
      if (journal.isPresent()) {
        run = new UpdateRun(services(), updates, log, halt, healthTimeout, mainClass);
      }
      return run.update(request.get()) ? OK : UpdaterException.FAILED;
    }
  }

  /**
   * Reads the journal, or returns empty when there is none or it is not valid. The services'
   * account may write the update folder, so a journal is used only when it names versions
   * whose folders exist: a rollback must never point {@code current} anywhere else.
   */
  private static Optional<UpdateJournal> readJournal(UpdateFolder updates,
      InstallLayout layout, UpdaterLog log) throws IOException {
    Path file = updates.journal();
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    String problem;
    Optional<UpdateJournal> journal = Optional.empty();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      problem = "it is not a regular file";
    } else {
      try {
        journal = UpdateJournal.read(updates);
        problem = journal.map(found -> invalidity(found, layout)).orElse(null);
      } catch (IOException e) {
        problem = e.getMessage();
      }
    }
    if (problem == null) {
      return journal;
    }
    log.line("The updater journal " + file + " is not valid, so it is removed and nothing is"
        + " rolled back: " + problem + ". Run 'bridgehead repair' if the installation does"
        + " not run");
    Files.deleteIfExists(file);
    return Optional.empty();
  }

  /** Returns null when the journal's versions are valid and installed, else what is wrong. */
  private static String invalidity(UpdateJournal journal, InstallLayout layout) {
    try {
      ReleaseManifest.checkVersion(journal.version());
      ReleaseManifest.checkVersion(journal.fromVersion());
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    Path fromDir = layout.versionDir(journal.fromVersion());
    Path target;
    try {
      target = layout.installDir().resolve(journal.fromTarget() == null ? ""
          : journal.fromTarget()).normalize();
    } catch (InvalidPathException e) {
      target = null;
    }
    if (!fromDir.normalize().equals(target)) {
      return "the old target " + journal.fromTarget() + " is not "
          + layout.installDir().relativize(fromDir);
    }
    if (!Files.isDirectory(fromDir, LinkOption.NOFOLLOW_LINKS)) {
      return "the old version's folder " + fromDir + " is missing";
    }
    return null;
  }

  private InstalledServices services() throws UpdaterException, IOException {
    Path recordFile = dataDir.resolve("install.json");
    if (!Files.isRegularFile(recordFile)) {
      throw new UpdaterException(UpdaterException.INVALID_ARGUMENT, "the data folder "
          + dataDir + " has no install.json; give the --data-dir of an installation, such as"
          + " /var/lib/bridgehead");
    }
    try {
      return InstalledServices.of(InstallRecord.read(recordFile));
    } catch (IllegalStateException e) {
      throw new UpdaterException(UpdaterException.FAILED, e.getMessage());
    }
  }

  /** Rejects a caller who may not change the installation's program files and services. */
  private static void checkAllowed(InstalledServices services) throws UpdaterException {
    InstallRecord record = services.record();
    if (record.serviceManager().equals("windows")) {
      // NOTE: never run. The Service Control Manager rejects a caller without the right.
      return;
    }
    if (record.root() == null && !"root".equals(System.getProperty("user.name"))) {
      throw new UpdaterException(UpdaterException.NOT_ALLOWED, "updating the installation in "
          + record.installDir() + " changes system services; run the command as root");
    }
    Path versions = services.layout().versionsDir();
    if (!Files.isWritable(versions)) {
      throw new UpdaterException(UpdaterException.NOT_ALLOWED, "cannot write " + versions
          + "; run the command as the user who installed Bridgehead");
    }
  }
}

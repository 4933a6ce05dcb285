package io.bridgehead.installer.update;

import io.bridgehead.agent.update.TrustedReleaseKey;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateRequest;
import io.bridgehead.agent.update.UpdateResult;
import io.bridgehead.installer.layout.CurrentPointer;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.wire.UpdateReport;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One run of the updater while it has the lock: the update of one request, the recovery of
 * one journal, and the rollback both may end in. Every step is written to the journal before
 * the next begins.
 */
final class UpdateRun {
  private final InstalledServices services;
  private final InstallLayout layout;
  private final UpdateFolder updates;
  private final Path recordFile;
  private final UpdaterLog log;
  private final HaltHook halt;
  private final Duration healthTimeout;
  private final String mainClass;
  private final ServiceLogTail logTail;

  UpdateRun(InstalledServices services, UpdateFolder updates, UpdaterLog log, HaltHook halt,
      Duration healthTimeout, String mainClass) {
    this.services = services;
    this.layout = services.layout();
    this.updates = updates;
    this.recordFile = updates.dataDir().resolve("install.json");
    this.log = log;
    this.halt = halt;
    this.healthTimeout = healthTimeout;
    this.mainClass = mainClass;
    this.logTail = new ServiceLogTail(services);
  }

  /** Switches to the requested version and returns true when it runs healthy. */
  boolean update(UpdateRequest request) throws IOException, InterruptedException {
    String version = request.version();
    Path fromTarget = CurrentPointer.target(layout);
    String from = fromTarget == null ? services.record().version()
        : fromTarget.getFileName().toString();
    try {
      ReleaseManifest.checkVersion(version);
    } catch (IllegalArgumentException e) {
      log.line("The update request " + updates.request() + " is not valid: " + e.getMessage());
      Files.deleteIfExists(updates.request());
      return false;
    }
    if (fromTarget == null) {
      throw new IOException(layout.current() + " is missing, so the running version is"
          + " unknown; run 'bridgehead repair' first");
    }
    if (version.equals(from)) {
      log.line("Version " + version + " runs already; nothing to update");
      deleteRequest(version);
      return true;
    }
    log.line("Updating from " + from + " to " + version + ", requested by the "
        + request.requestedBy() + " service at " + request.requestedAt());
    UpdateJournal journal = step(UpdateJournal.begin(version, from, fromTarget.toString()),
        UpdateStep.BEGUN);

    Path versionDir;
    try {
      versionDir = new VersionUnpacker(layout, TrustedReleaseKey.load(updates.dataDir()),
          mainClass).unpack(updates.packageFile(version), version);
    } catch (PackageException e) {
      Files.deleteIfExists(updates.packageFile(version));
      return failed(journal, "package " + version + " was rejected (" + e.reason() + "): "
          + e.getMessage());
    } catch (NoSuchFileException e) {
      return failed(journal, "the package " + updates.packageFile(version) + " is missing");
    } catch (IOException e) {
      return failed(journal, "version " + version + " could not be unpacked: "
          + e.getMessage());
    }
    log.line("Version " + version + " is ready in " + versionDir);
    journal = step(journal, UpdateStep.UNPACKED);

    try {
      services.stopAll();
      log.line("Stopped the services of version " + from);
      journal = step(journal, UpdateStep.STOPPED);
      CurrentPointer.pointAt(layout, versionDir);
      log.line("Switched " + layout.current() + " to " + versionDir);
      journal = step(journal.withLogOffsets(logTail.mark()), UpdateStep.SWITCHED);
      services.startAll();
      log.line("Started the services of version " + version + "; waiting up to "
          + healthTimeout.toSeconds() + " s for them to be healthy");
      journal = step(journal, UpdateStep.STARTED);
    } catch (IOException e) {
      return failed(journal, "the switch to version " + version + " failed: "
          + e.getMessage());
    }
    String problem = services.awaitHealthy(version, healthTimeout);
    if (problem != null) {
      return failed(journal, "version " + version + " failed its health check: " + problem);
    }
    log.line("Version " + version + " is healthy");
    journal = step(journal, UpdateStep.HEALTHY);
    recordVersion(version, versionDir, List.of());
    return finish(step(journal, UpdateStep.DONE));
  }

  /**
   * Completes or undoes the update that {@code journal} describes: one that reached
   * {@link UpdateStep#DONE} is cleaned up, any other is rolled back to its old version.
   *
   * @return true when the installation runs healthy afterwards
   */
  boolean recover(UpdateJournal journal) throws IOException, InterruptedException {
    log.line("Found the journal of an unfinished update from " + journal.fromVersion()
        + " to " + journal.version() + "; its last finished step is " + journal.lastStep());
    if (journal.has(UpdateStep.DONE)) {
      return finish(journal);
    }
    String reason = journal.reason() != null ? journal.reason()
        : "the updater ended after step " + journal.lastStep() + " of the update to "
            + journal.version() + ", as after a crash or a kill";
    return rollback(journal, reason);
  }

  /** Writes the result of a finished update, removes what is no longer needed, and reports. */
  private boolean finish(UpdateJournal journal) throws IOException {
    String version = journal.version();
    writeResult(journal, UpdateResult.OK, version, null);
    deleteRequest(version);
    List<Path> removed = VersionPruner.prune(layout, updates,
        Set.of(version, journal.fromVersion()), log);
    recordVersion(version, layout.versionDir(version), removed);
    new TenantReporter(services, log).report(new UpdateReport(version, UpdateReport.OK, null,
        null));
    UpdateJournal.delete(updates);
    log.line("Bridgehead runs version " + version);
    return true;
  }

  /** Rolls the update back and returns false, the outcome of the update. */
  private boolean failed(UpdateJournal journal, String reason)
      throws IOException, InterruptedException {
    rollback(journal, reason);
    return false;
  }

  /**
   * Switches back to the journal's old version, starts it and waits for it to be healthy,
   * then writes the result and reports the failure to the tenant.
   *
   * @return true when the old version runs healthy again
   */
  private boolean rollback(UpdateJournal failed, String reason)
      throws IOException, InterruptedException {
    log.line("The update to " + failed.version() + " failed: " + reason);
    String tail = failed.has(UpdateStep.SWITCHED)
        ? logTail.read(failed.logOffsets(), failed.startedAt()) : null;
    UpdateJournal journal = step(failed.withReason(reason), UpdateStep.ROLLING_BACK);
    String problem;
    try {
      problem = restoreOldVersion(journal);
    } catch (IOException e) {
      problem = e.getMessage();
    }
    String from = journal.fromVersion();
    if (problem == null) {
      log.line("Version " + from + " runs again and is healthy");
      writeResult(journal, UpdateResult.ROLLED_BACK, from, reason);
    } else {
      log.line("Version " + from + " is not healthy either: " + problem
          + "; run 'bridgehead repair'");
      writeResult(journal, UpdateResult.FAILED, from, reason + "; the switch back to " + from
          + " failed too: " + problem);
    }
    new TenantReporter(services, log).report(new UpdateReport(journal.version(),
        UpdateReport.FAILED, reason,
        tail == null ? ServiceLogTail.lastChars(String.join("\n", log.lines())) : tail));
    deleteRequest(journal.version());
    UpdateJournal.delete(updates);
    return problem == null;
  }

  /** Returns null once the old version runs healthy, else why it does not. */
  private String restoreOldVersion(UpdateJournal journal)
      throws IOException, InterruptedException {
    Path oldTarget = Path.of(journal.fromTarget());
    String from = journal.fromVersion();
    if (oldTarget.equals(CurrentPointer.target(layout)) && services.allRunning()) {
      // The old version runs: the update ended before its services stopped, or after the
      // rollback started them again.
      String problem = services.awaitHealthy(from, healthTimeout);
      if (problem == null) {
        return null;
      }
      log.line("Version " + from + " runs but is not healthy (" + problem + "); restarting"
          + " its services");
    }
    services.stopAll();
    CurrentPointer.restore(layout, oldTarget);
    log.line("Switched " + layout.current() + " back to " + oldTarget);
    journal = step(journal, UpdateStep.ROLLBACK_SWITCHED);
    services.startAll();
    step(journal, UpdateStep.ROLLBACK_STARTED);
    return services.awaitHealthy(from, healthTimeout);
  }

  private UpdateJournal step(UpdateJournal journal, UpdateStep step) throws IOException {
    UpdateJournal next = journal.with(step);
    next.write(updates);
    halt.after(step, log);
    return next;
  }

  private void writeResult(UpdateJournal journal, String outcome, String running,
      String reason) throws IOException {
    new UpdateResult(UpdateResult.UPDATE, journal.version(), journal.fromVersion(), outcome,
        running, reason, log.lines(), Instant.now()).write(updates);
    SharedFiles.share(updates.result(), "rw-r-----");
  }

  /** Deletes the request when it is for {@code version}, so that a newer request stays. */
  private void deleteRequest(String version) throws IOException {
    try {
      UpdateRequest request = UpdateRequest.read(updates).orElse(null);
      if (request != null && !version.equals(request.version())) {
        return;
      }
    } catch (IOException e) {
      log.line(e.getMessage());
    }
    Files.deleteIfExists(updates.request());
  }

  /**
   * Records {@code version} as the installation's version in install.json, with its folder
   * among the installation's own, which uninstall removes, and without the pruned ones.
   */
  private void recordVersion(String version, Path versionDir, List<Path> removed)
      throws IOException {
    InstallRecord old = InstallRecord.read(recordFile);
    List<String> folders = new ArrayList<>(old.folders());
    if (!folders.contains(versionDir.toString())) {
      folders.add(versionDir.toString());
    }
    for (Path folder : removed) {
      folders.remove(folder.toString());
    }
    new InstallRecord(version, old.installedAt(), old.root(), old.installDir(),
        old.dataDir(), old.serviceManager(), old.services(), old.users(), old.files(),
        old.links(), folders, old.parentFolders(), old.proxy()).write(recordFile);
  }
}

package io.bridgehead.agent.update;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.jobs.Backoff;
import io.bridgehead.agent.jobs.HeartbeatHook;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.UpdateReport;
import io.bridgehead.wire.UpdateWindow;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's side of updates, driven by heartbeat responses. When the tenant wants another
 * version inside the pool's update window, it downloads and checks the package, writes {@code
 * request.json} and, on hosts without a path unit, starts the updater. The work runs on a
 * thread of its own, so heartbeats and jobs never wait for a download. A heartbeat that
 * arrives while the work runs is skipped.
 *
 * <p>A rejected package is reported to the tenant as a failed update, which makes the tenant
 * stop offering that version to this agent. A broken download keeps its partial file and is
 * tried again at a later heartbeat, after a back-off, without a report.
 */
public final class UpdateManager implements HeartbeatHook, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdateManager.class);
  /**
   * How long a request may wait for an updater that never took it. An updater takes the lock
   * at once and journals its first step within seconds, so a request this old with neither
   * was left by an updater that failed to start, or died before its first step.
   */
  public static final Duration UNTAKEN_REQUEST = Duration.ofMinutes(2);

  private final UpdateFolder folder;
  private final Role role;
  private final LongSupplier maxPackageSize;
  private final UpdaterLaunch launch;
  private final Clock clock;
  private final UpdateStatus status;
  private final Backoff backoff;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "agent-update");
    thread.setDaemon(true);
    return thread;
  });
  /** True while a heartbeat's work is queued or running on the worker. */
  private final AtomicBoolean busy = new AtomicBoolean();
  /** When the next download may start after a failed one; touched on the worker only. */
  private Instant retryAfter = Instant.MIN;
  /** A rejection whose report did not reach the tenant yet; touched on the worker only. */
  private UpdateReport unsentReport;
  /** The last error about the update folder that was logged, so that a repeat is not. */
  private volatile String lastFolderError;

  /**
   * Makes the manager of a service.
   *
   * @param maxPackageSize the current limit of the service's settings, in bytes
   * @param clock the agent's clock, whose time zone is the local one of the update window
   * @param retryInitial the wait after the first broken download
   * @param retryCap the longest wait between attempts
   */
  public UpdateManager(UpdateFolder folder, Role role, LongSupplier maxPackageSize,
      UpdaterLaunch launch, Clock clock, UpdateStatus status, Duration retryInitial,
      Duration retryCap) {
    this.folder = folder;
    this.role = role;
    this.maxPackageSize = maxPackageSize;
    this.launch = launch;
    this.clock = clock;
    this.status = status;
    this.backoff = new Backoff(retryInitial, retryCap);
  }

  public UpdateFolder folder() {
    return folder;
  }

  /** Returns whether a request for the updater waits in the update folder. */
  public boolean updateRequested() {
    return Files.exists(folder.request());
  }

  /**
   * Prepares the update folder at service start, reads the last result, and starts the
   * updater's recovery when a crashed update left its journal and no updater runs.
   */
  public void start() {
    try {
      Files.createDirectories(folder.packages());
    } catch (IOException e) {
      // Jobs do not depend on updates, so the service starts anyway and shows the error.
      folderError("cannot create " + folder.packages() + ": " + e.getMessage()
          + "; let the services' account write the update folder");
    }
    status.refreshResult();
    Optional<UpdateRequest> request = readRequest();
    request.ifPresent(value -> status.set(UpdateStatus.State.UPDATING, value.version(),
        "waiting for the updater"));
    if (!Files.exists(folder.journal()) || !launch.spawnsUpdater()) {
      return;
    }
    try {
      if (FolderLocks.updaterRunning(folder)) {
        log.info("Leaving the update journal in {} to the running updater", folder.dir());
        return;
      }
      log.warn("An update was interrupted, as {} shows; starting the updater's recovery",
          folder.journal());
      launch.start(List.of("update", "recover", "--data-dir", folder.dataDir().toString()),
          output());
    } catch (IOException e) {
      log.error("Cannot start the updater's recovery of {}: {}", folder.journal(),
          e.getMessage());
    }
  }

  /**
   * Starts repair detached and returns its log file.
   *
   * @throws IOException when the program cannot be started, or under systemd, where the
   *     service runs as its own account and repair needs root
   */
  public Path startRepair() throws IOException {
    if (!launch.spawnsUpdater()) {
      // NOTE: never run; systemd is not the init here. A root unit could run repair for the
      // service as the updater's path unit runs the updater.
      throw new IOException("this service runs under systemd as its own account, and repair"
          + " needs root: run 'sudo bridgehead repair', or Repair in the console run as root");
    }
    Path logFile = folder.dir().resolve("repair.log");
    log.info("Starting repair of the installation in {}; its log is {}", folder.dataDir(),
        logFile);
    launch.start(List.of("repair", "--data-dir", folder.dataDir().toString(), "--progress",
        "--log-file", logFile.toString()), output());
    return logFile;
  }

  @Override
  public void heartbeatAnswered(HeartbeatResponse response, TenantClient client) {
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    try {
      worker.execute(() -> {
        try {
          handle(response, client);
        } catch (RuntimeException e) {
          log.error("The update check failed unexpectedly", e);
        } finally {
          busy.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      busy.set(false);
    }
  }

  /** Stops the worker; a download in progress ends at its next read or times out. */
  @Override
  public void close() {
    worker.shutdownNow();
  }

  private void handle(HeartbeatResponse response, TenantClient client) {
    status.refreshResult();
    sendUnsentReport(client);
    Optional<UpdateRequest> request = readRequest();
    if (request.isPresent() && !untaken(request.get(), client)) {
      status.set(UpdateStatus.State.UPDATING, request.get().version(),
          "waiting for the updater");
      return;
    }
    String version = response.wantedVersion();
    String current = AgentVersion.current();
    if (version == null || version.equals(current) || response.packageSha256() == null
        || response.packageSize() == null) {
      if (status.state() != UpdateStatus.State.FAILED) {
        status.set(UpdateStatus.State.IDLE, null, null);
      }
      return;
    }
    if (!windowOpen(response.updateWindow(), version)) {
      return;
    }
    if (clock.instant().isBefore(retryAfter)) {
      return;
    }
    try (FileChannel lock = FolderLocks.tryDownloadLock(folder)) {
      if (lock == null) {
        status.set(UpdateStatus.State.WAITING, version, "another service of this installation"
            + " downloads an update");
        return;
      }
      download(client, version, response.packageSize(), response.packageSha256(), current);
    } catch (IOException e) {
      folderError("cannot take the download lock in " + folder.dir() + ": " + e.getMessage()
          + "; let the services' account write the update folder");
    }
  }

  /**
   * Returns true, after deleting the request and reporting the failure, when no updater has
   * taken {@code request} within {@link #UNTAKEN_REQUEST}: no updater runs and none left a
   * journal. Otherwise the request would keep every later update from starting.
   */
  private boolean untaken(UpdateRequest request, TenantClient client) {
    if (request.requestedAt() == null
        || clock.instant().isBefore(request.requestedAt().plus(UNTAKEN_REQUEST))
        || Files.exists(folder.journal())) {
      return false;
    }
    try {
      if (FolderLocks.updaterRunning(folder)) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    deleteQuietly(folder.request());
    String lastLine = lastLine(output());
    reject(client, request.version(), "no updater took the update request of "
        + request.requestedAt() + " within " + UNTAKEN_REQUEST.toMinutes() + " minutes"
        + (lastLine.isEmpty() ? "" : "; the updater's last output: " + lastLine) + "; see "
        + output() + (launch.spawnsUpdater() ? "" : " and 'journalctl -u bridgehead-updater'"));
    return true;
  }

  /** Returns the last non-empty line of {@code file}, or empty when there is none. */
  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      log.debug("Cannot read {}: {}", file, e.toString());
    }
    return "";
  }

  /** Logs an error about the update folder once, and shows it in the status. */
  private void folderError(String message) {
    if (!message.equals(lastFolderError)) {
      lastFolderError = message;
      log.error("Updates cannot proceed: {}", message);
    }
    status.set(UpdateStatus.State.FAILED, null, message);
  }

  /** Returns whether the window is open now, and records the waiting state when it is not. */
  private boolean windowOpen(String windowText, String version) {
    if (windowText == null) {
      return true;
    }
    UpdateWindow window;
    try {
      window = UpdateWindow.parse(windowText);
    } catch (IllegalArgumentException e) {
      status.set(UpdateStatus.State.WAITING, version, "the tenant sent an invalid update"
          + " window: " + e.getMessage());
      return false;
    }
    if (window.isOpen(clock.instant(), clock.getZone())) {
      return true;
    }
    status.set(UpdateStatus.State.WAITING, version, "outside the update window " + window
        + " (local time)");
    return false;
  }

  private void download(TenantClient client, String version, long size, String sha256,
      String current) {
    status.set(UpdateStatus.State.DOWNLOADING, version, "package of " + size + " bytes");
    PackageDownloader.Downloaded downloaded;
    try {
      PackageDownloader downloader = new PackageDownloader(folder,
          TrustedReleaseKey.load(folder.dataDir()), maxPackageSize.getAsLong());
      downloaded = downloader.download(client, version, size, sha256);
    } catch (PackageRejectedException e) {
      reject(client, version, e.getMessage());
      return;
    } catch (IOException e) {
      Duration delay = backoff.nextDelay();
      retryAfter = clock.instant().plus(delay);
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      log.warn("Downloading package {} failed: {}; trying again in {} s or later, from the"
          + " {} bytes received", version, reason, delay.toSeconds(), partialSize(version));
      status.set(UpdateStatus.State.FAILED, version, "the download failed: " + reason
          + "; trying again later");
      return;
    }
    backoff.reset();
    log.info("Downloaded and verified package {}: {} bytes fetched from byte {}", version,
        downloaded.fetched(), downloaded.resumedFrom());
    requestUpdate(client, version, current);
  }

  private void requestUpdate(TenantClient client, String version, String current) {
    try {
      new UpdateRequest(version, current, role.wireName(), clock.instant()).write(folder);
    } catch (IOException e) {
      log.error("Cannot write the update request {}: {}", folder.request(), e.getMessage());
      status.set(UpdateStatus.State.FAILED, version, "cannot write the update request: "
          + e.getMessage());
      return;
    }
    if (launch.spawnsUpdater()) {
      try {
        launch.start(List.of("update", "apply", "--data-dir", folder.dataDir().toString()),
            output());
      } catch (IOException e) {
        deleteQuietly(folder.request());
        reject(client, version, "cannot start the updater: " + e.getMessage());
        return;
      }
      log.info("Requested the update from {} to {} and started the updater", current,
          version);
    } else {
      log.info("Requested the update from {} to {}; the updater's path unit starts it",
          current, version);
    }
    status.set(UpdateStatus.State.UPDATING, version, "waiting for the updater");
  }

  private void reject(TenantClient client, String version, String reason) {
    log.error("Update to {} failed: {}", version, reason);
    status.set(UpdateStatus.State.FAILED, version, reason);
    unsentReport = new UpdateReport(version, UpdateReport.FAILED, reason, null);
    sendUnsentReport(client);
  }

  private void sendUnsentReport(TenantClient client) {
    if (unsentReport == null) {
      return;
    }
    try {
      client.reportUpdate(unsentReport);
      unsentReport = null;
    } catch (TenantException e) {
      // The tenant read the report and rejected it, so sending it again changes nothing.
      log.warn("The tenant rejected the report of the failed update to {}: {}",
          unsentReport.version(), e.getMessage());
      unsentReport = null;
    } catch (IOException e) {
      log.warn("Cannot report the failed update to {} to the tenant: {}; trying again at the"
          + " next heartbeat", unsentReport.version(), e.getMessage());
    }
  }

  private Optional<UpdateRequest> readRequest() {
    try {
      return UpdateRequest.read(folder);
    } catch (IOException e) {
      if (!e.getMessage().equals(lastFolderError)) {
        lastFolderError = e.getMessage();
        log.error("{}; it is removed once no updater took it within {} minutes",
            e.getMessage(), UNTAKEN_REQUEST.toMinutes());
      }
      // A request that cannot be read still keeps a second update from starting, until it is
      // as old as an untaken request.
      Instant written;
      try {
        written = Files.getLastModifiedTime(folder.request()).toInstant();
      } catch (IOException unreadable) {
        written = clock.instant();
      }
      return Optional.of(new UpdateRequest("unknown", AgentVersion.current(), role.wireName(),
          written));
    }
  }

  private long partialSize(String version) {
    try {
      Path part = folder.partialPackage(version);
      return Files.exists(part) ? Files.size(part) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private Path output() {
    return folder.dir().resolve("updater.out");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", file, e.getMessage());
    }
  }
}

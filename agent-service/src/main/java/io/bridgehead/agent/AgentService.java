package io.bridgehead.agent;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.config.StoredSettings;
import io.bridgehead.agent.control.ControlDirectory;
import io.bridgehead.agent.control.ControlEndpoint;
import io.bridgehead.agent.control.ServiceControl;
import io.bridgehead.agent.control.ServiceStatus;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.jobs.JobLoop;
import io.bridgehead.agent.outbox.Outbox;
import io.bridgehead.agent.jobs.TenantLink;
import io.bridgehead.agent.script.ProcessScriptHost;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateManager;
import io.bridgehead.agent.update.UpdateStatus;
import io.bridgehead.agent.update.UpdaterLaunch;
import io.bridgehead.ipc.Transports;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One role of the agent, running in the foreground until stopped: loads the enrollment from
 * the data folder and serves the role's jobs. When its settings name an IPC directory, it
 * also serves its control endpoint there, through which the job loop can be reconfigured and
 * restarted while the process keeps running.
 */
public final class AgentService {
  /**
   * How long a stopping agent lets running jobs finish before it cancels them: 20 s, inside
   * the 90 s that systemd gives a unit to stop by default.
   */
  public static final Duration STOP_GRACE = Duration.ofSeconds(20);
  /** How long a stopping agent lets the outbox send what it keeps; the rest waits on disk. */
  public static final Duration OUTBOX_GRACE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(AgentService.class);

  private final Path dataFolder;
  private final Path logFile;
  private final Role role;
  private final ServiceStatus status;
  /** Held while the job loop is replaced or stopped; never while publishing is awaited. */
  private final Object lifecycle = new Object();
  private final Outbox outbox;
  private volatile JobLoop loop;
  private volatile AgentConfig config;
  private boolean stopped;
  /**
   * True while the job loop is stopped on purpose for a pool move, which ends with a restart;
   * {@link #awaitStop()} keeps waiting meanwhile. Guarded by {@code lifecycle}.
   */
  private boolean paused;
  private ControlEndpoint endpoint;
  private DataFolderLock folderLock;
  /** The update side of the service, or null when it runs without an update folder. */
  private final UpdateManager updates;

  private AgentService(Path dataFolder, Path logFile, Role role, AgentConfig config,
      Outbox outbox, AgentSettings settings, UpdaterLaunch launch) {
    this.dataFolder = dataFolder;
    this.logFile = logFile;
    this.outbox = outbox;
    this.role = role;
    this.config = config;
    Clock clock = Clock.systemDefaultZone();
    this.status = new ServiceStatus(new Control(), clock);
    UpdateFolder folder = settings.updatesDirectory() == null ? null
        : new UpdateFolder(settings.updatesDirectory().toAbsolutePath());
    UpdateStatus updateStatus = new UpdateStatus(folder,
        message -> status.changed("update", message));
    status.updateStatus(updateStatus);
    // The limit is read at each download, so that a changed maxPackageSize applies at once.
    this.updates = folder == null ? null : new UpdateManager(folder, role,
        () -> loop.settings().maxPackageSize(), launch, clock, updateStatus,
        settings.retryInitial(), settings.retryCap());
  }

  /**
   * Starts serving {@code role}. Limits stored in {@code settings.json} by the control
   * endpoint override those in {@code settings}.
   *
   * @throws io.bridgehead.agent.config.NotEnrolledException when the data folder contains no
   *     enrollment
   * @throws io.bridgehead.ipc.transport.EndpointInUseException when another live service of
   *     the role listens in the settings' IPC directory; its message names that process's id
   * @throws IllegalArgumentException when the agent did not enroll with this role, the role
   *     takes no jobs yet, or a stored limit is out of range
   */
  public static AgentService start(Path dataFolder, Role role, AgentSettings settings)
      throws IOException {
    return start(dataFolder, role, settings, ControlEndpoint.logFile(dataFolder, role));
  }

  /**
   * Starts serving {@code role} as {@link #start(Path, Role, AgentSettings)} does, for a
   * service whose log is {@code logFile} instead of the one in {@code <data>/logs}.
   */
  public static AgentService start(Path dataFolder, Role role, AgentSettings settings,
      Path logFile) throws IOException {
    return start(dataFolder, role, settings, logFile, UpdaterLaunch.spawning());
  }

  /**
   * Starts serving {@code role} as {@link #start(Path, Role, AgentSettings, Path)} does, and
   * starts the updater and repair through {@code launch} when the settings name an update
   * folder.
   */
  public static AgentService start(Path dataFolder, Role role, AgentSettings settings,
      Path logFile, UpdaterLaunch launch) throws IOException {
    AgentConfig config = AgentConfig.read(dataFolder);
    if (!config.roles().contains(role)) {
      throw new IllegalArgumentException("the agent enrolled with roles " + config.roles()
          + ", not " + role.wireName() + "; enroll again with --role " + role.wireName());
    }
    if (role != Role.AUTOMATION) {
      throw new IllegalArgumentException("the " + role.wireName() + " role ("
          + role.moduleName() + ") takes no jobs yet; run --role automation");
    }
    AgentSettings effective;
    try {
      effective = StoredSettings.read(dataFolder).applyTo(settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + StoredSettings.FILE_NAME + " in "
          + dataFolder + ": " + e.getMessage(), e);
    }
    DataFolderLock folderLock = DataFolderLock.acquire(dataFolder, role.wireName());
    Outbox outbox;
    try {
      WorkFolders.removeLeftovers(effective.workRoot());
      outbox = Outbox.open(dataFolder.resolve("outbox"), effective.retryInitial(),
          effective.retryCap());
    } catch (IOException | RuntimeException e) {
      folderLock.close();
      throw e;
    }
    AgentService service = new AgentService(dataFolder, logFile, role, config, outbox,
        effective, launch);
    service.folderLock = folderLock;
    JobLoop first = service.newLoop(config, effective);
    service.loop = first;
    try {
      // After the loop is set, because the status that an update change publishes reads it.
      service.startUpdates();
    } catch (RuntimeException e) {
      first.stop(Duration.ZERO);
      first.close();
      outbox.close();
      folderLock.close();
      throw e;
    }
    if (settings.ipcDirectory() != null) {
      // Bound before the loop starts, so a second instance fails without taking any job.
      try {
        ControlDirectory.checkNotShared(settings.ipcDirectory());
        service.endpoint = ControlEndpoint.start(
            Transports.forCurrentPlatform(settings.ipcDirectory()), service.new Control(),
            service.status);
      } catch (IOException | RuntimeException e) {
        first.stop(Duration.ZERO);
        first.close();
        outbox.close();
        folderLock.close();
        throw e;
      }
    }
    first.start();
    service.status.state(ServiceStatus.State.RUNNING, "");
    return service;
  }

  private void startUpdates() {
    if (updates == null) {
      log.info("Updates are off: the service was started without --updates-dir");
      return;
    }
    log.info("Updates are on, through the update folder {}", updates.folder().dir());
    updates.start();
  }

  /** Returns whether a request for the updater waits, which the service's stop is for. */
  public boolean updateRequested() {
    return updates != null && updates.updateRequested();
  }

  public JobLoop loop() {
    return loop;
  }

  public ServiceStatus status() {
    return status;
  }

  /**
   * Stops gracefully: takes no new job, lets running jobs finish for up to
   * {@link #STOP_GRACE} and cancels the rest, gives the outbox up to {@link #OUTBOX_GRACE} to
   * send their results, then closes the control endpoint. What is still unsent stays on disk
   * for the next start. Calling it again does nothing.
   */
  public void stop() {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      lifecycle.notifyAll();
      status.state(ServiceStatus.State.STOPPING, "");
      loop.stop(STOP_GRACE);
      awaitOutbox(OUTBOX_GRACE);
      outbox.close();
      loop.close();
      if (updates != null) {
        updates.close();
      }
      status.state(ServiceStatus.State.STOPPED, "");
    }
    if (endpoint != null) {
      endpoint.close();
    }
    folderLock.close();
  }

  /**
   * Blocks until the service stops. A restart of the job loop through the control endpoint
   * does not end the wait.
   *
   * @return null after a normal stop, or why the agent stopped by itself
   */
  public String awaitStop() throws InterruptedException {
    while (true) {
      JobLoop current = loop;
      String fatal = current.awaitStop();
      // A restart holds the lock from stopping the old loop until the new one is in place.
      synchronized (lifecycle) {
        while (loop == current && paused && !stopped) {
          lifecycle.wait();
        }
        if (loop == current) {
          return fatal;
        }
      }
    }
  }

  private JobLoop newLoop(AgentConfig agentConfig, AgentSettings settings) throws IOException {
    String credential = credential();
    TenantConnection connection = agentConfig.connection(dataFolder);
    TenantClient client = TenantClient.create(connection, credential, settings.pollWait());
    log.info("Calls to the tenant at {} use {}", connection.url(),
        connection.proxy().routeTo(connection.host(), connection.port()).description());
    JobLoop next = new JobLoop(client, new ProcessScriptHost(), settings, List.of(role),
        agentConfig.tenantUrl(), status, outbox);
    if (updates != null) {
      next.onHeartbeat(updates);
    }
    return next;
  }

  private void awaitOutbox(Duration timeout) {
    try {
      outbox.awaitEmpty(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String credential() throws IOException {
    return new FileCredentialStore(dataFolder).load().orElseThrow(() ->
        new IOException("the credential is missing from " + dataFolder
            + "; enroll the agent again"));
  }

  /** The control endpoint's view of this service. */
  private final class Control implements ServiceControl {
    @Override
    public Role role() {
      return role;
    }

    @Override
    public Path dataFolder() {
      return dataFolder;
    }

    @Override
    public Path logFile() {
      return logFile;
    }

    @Override
    public AgentConfig config() {
      return config;
    }

    @Override
    public AgentSettings settings() {
      return loop.settings();
    }

    @Override
    public TenantLink link() {
      return loop.link();
    }

    @Override
    public int runningJobs() {
      return loop.runningJobs();
    }

    @Override
    public String credential() throws IOException {
      return AgentService.this.credential();
    }

    @Override
    public void restart(AgentConfig newConfig, AgentSettings settings, String reason)
        throws IOException {
      synchronized (lifecycle) {
        if (stopped) {
          throw new IOException("the service is stopping");
        }
        // Made first, so that a failure leaves the running loop alone.
        JobLoop next = newLoop(newConfig, settings);
        log.info("Restarting the job loop: {}", reason);
        status.state(ServiceStatus.State.STOPPING, reason);
        loop.stop(STOP_GRACE);
        // Results of the old loop's last jobs are sent with its credential before it closes.
        awaitOutbox(OUTBOX_GRACE);
        // Closed before the next loop starts: its goodbye would otherwise end the instance the
        // next loop registers with the tenant.
        loop.close();
        config = newConfig;
        loop = next;
        paused = false;
        lifecycle.notifyAll();
        status.state(ServiceStatus.State.STARTING, reason);
        next.start();
        status.state(ServiceStatus.State.RUNNING, reason);
      }
    }

    @Override
    public Optional<Path> startRepair() throws IOException {
      return updates == null ? Optional.empty() : Optional.of(updates.startRepair());
    }

    @Override
    public int drainOutbox(Duration timeout) throws InterruptedException {
      synchronized (lifecycle) {
        // Jobs still running would add results after the drain, under the old agent id. The
        // caller restarts the loop afterwards, in the new pool or the old one.
        paused = true;
        loop.stop(STOP_GRACE);
      }
      outbox.awaitEmpty(timeout);
      return outbox.pending();
    }
  }
}

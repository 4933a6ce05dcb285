package io.bridgehead.installer.update;

import io.bridgehead.installer.health.HealthVerdict;
import io.bridgehead.installer.health.ServiceHealth;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.services.FolderServiceManager;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceManagers;
import io.bridgehead.installer.services.ServiceState;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The services an install record lists, with the layout and the service manager they were
 * installed with, as the updater and repair drive them.
 */
public final class InstalledServices {
  private final InstallRecord record;
  private final InstallLayout layout;
  private final ServiceManager manager;
  private final List<Role> roles;

  private InstalledServices(InstallRecord record, InstallLayout layout, ServiceManager manager,
      List<Role> roles) {
    this.record = record;
    this.layout = layout;
    this.manager = manager;
    this.roles = List.copyOf(roles);
  }

  /**
   * Returns the services of {@code record}.
   *
   * @throws IllegalStateException when the record's service manager is not available here,
   *     such as a Windows record on Linux
   */
  public static InstalledServices of(InstallRecord record) {
    InstallLayout layout = layoutOf(record);
    ServiceManager manager = switch (record.serviceManager()) {
      case "folder" -> ServiceManagers.folder(layout.runDir());
      case "systemd" -> ServiceManagers.systemd(layout.unitDir());
      // NOTE: never run; no Windows machine was at hand.
      case "windows" -> ServiceManagers.windows();
      default -> throw new IllegalStateException("the install record names the service"
          + " manager '" + record.serviceManager() + "', which this program does not know;"
          + " reinstall the agent");
    };
    List<Role> roles = new ArrayList<>();
    for (Role role : Role.values()) {
      if (record.services().contains(layout.serviceName(role))) {
        roles.add(role);
      }
    }
    return new InstalledServices(record, layout, manager, roles);
  }

  /**
   * Returns the layout of the installation that {@code record} describes. The record stores
   * the install and data folders with the root already in front; the other folders follow
   * from the root as at install time.
   */
  public static InstallLayout layoutOf(InstallRecord record) {
    Path root = record.root() == null ? null : Path.of(record.root());
    boolean windows = record.serviceManager().equals("windows");
    InstallLayout defaults = windows ? InstallLayout.windows(root, null, null)
        : InstallLayout.linux(root, null, null);
    Path dataDir = Path.of(record.dataDir());
    return new InstallLayout(root, Path.of(record.installDir()), dataDir,
        windows ? dataDir.resolve("logs") : defaults.logDir(), defaults.runDir(),
        defaults.unitDir(), defaults.autostartDir(), windows);
  }

  public InstallRecord record() {
    return record;
  }

  public InstallLayout layout() {
    return layout;
  }

  public ServiceManager manager() {
    return manager;
  }

  /** Returns the roles whose services the record lists, in {@link Role} order. */
  public List<Role> roles() {
    return roles;
  }

  /** Stops every service; one that is stopped already is left as it is. */
  public void stopAll() throws IOException {
    for (Role role : roles) {
      manager.stop(layout.serviceName(role), FolderServiceManager.STOP_TIMEOUT);
    }
  }

  /** Starts every service; one that runs already is left as it is. */
  public void startAll() throws IOException {
    for (Role role : roles) {
      manager.start(layout.serviceName(role));
    }
  }

  /** Returns whether every service runs. */
  public boolean allRunning() throws IOException {
    for (Role role : roles) {
      if (manager.state(layout.serviceName(role)) != ServiceState.RUNNING) {
        return false;
      }
    }
    return true;
  }

  /**
   * Waits for every service to be healthy with {@code version}, each up to {@code timeout},
   * and returns null when all are, else why the first one is not.
   */
  public String awaitHealthy(String version, Duration timeout) throws InterruptedException {
    for (Role role : roles) {
      String name = layout.serviceName(role);
      HealthVerdict verdict = ServiceHealth.await(layout.runDir(), role, version, timeout,
          () -> alive(name));
      if (!verdict.healthy()) {
        return "the " + name + " service is not healthy: " + verdict.detail();
      }
    }
    return null;
  }

  private boolean alive(String name) {
    try {
      ServiceState state = manager.state(name);
      return state == ServiceState.RUNNING || state == ServiceState.STARTING;
    } catch (IOException e) {
      // The state cannot be read; the health wait goes on until its time-out.
      return true;
    }
  }
}

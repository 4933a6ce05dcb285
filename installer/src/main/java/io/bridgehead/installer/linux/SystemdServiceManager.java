package io.bridgehead.installer.linux;

import io.bridgehead.installer.services.ServiceDefinition;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Services as systemd units, driven through {@code systemctl}. The unit file is written
 * before {@link #register} by the install step that renders {@link SystemdUnit}, because it
 * carries options that a {@link ServiceDefinition} does not; register then reloads systemd
 * and enables the unit.
 *
 * <p>NOTE: the tests run only the unit file's text and {@code systemd-analyze verify}; this
 * class has not run against a live systemd, which the test machine does not boot.
 */
public final class SystemdServiceManager implements ServiceManager {
  private final Path unitDir;

  /** Creates a manager whose unit files live in {@code unitDir}, normally /etc/systemd/system. */
  public SystemdServiceManager(Path unitDir) {
    this.unitDir = unitDir;
  }

  @Override
  public void register(ServiceDefinition definition) throws IOException {
    Path unit = unitDir.resolve(definition.name() + ".service");
    if (!Files.isRegularFile(unit)) {
      throw new IOException("cannot register " + definition.name() + ": its unit file " + unit
          + " is missing");
    }
    systemctl("daemon-reload");
    systemctl("enable", definition.name());
  }

  @Override
  public void start(String name) throws IOException {
    // With Type=notify this returns once the service reported READY=1, or fails.
    systemctl("start", name);
  }

  @Override
  public void stop(String name, Duration timeout) throws IOException {
    if (state(name) == ServiceState.NOT_INSTALLED) {
      return;
    }
    // systemctl waits up to the unit's TimeoutStopSec, then kills the service.
    systemctl("stop", name);
  }

  @Override
  public void unregister(String name) throws IOException {
    if (state(name) == ServiceState.NOT_INSTALLED) {
      return;
    }
    systemctl("stop", name);
    systemctl("disable", name);
    systemctl("daemon-reload");
  }

  @Override
  public ServiceState state(String name) throws IOException {
    Commands.Result load = Commands.run(List.of("systemctl", "show", "--property=LoadState",
        "--value", name));
    if (load.exitCode() != 0 || !load.output().equals("loaded")) {
      return ServiceState.NOT_INSTALLED;
    }
    String active = Commands.run(List.of("systemctl", "is-active", name)).output();
    return switch (active) {
      case "active", "reloading" -> ServiceState.RUNNING;
      case "activating" -> ServiceState.STARTING;
      case "deactivating" -> ServiceState.STOPPING;
      case "failed" -> ServiceState.FAILED;
      default -> ServiceState.STOPPED;
    };
  }

  private static void systemctl(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("systemctl");
    command.addAll(List.of(arguments));
    Commands.check(command);
  }
}

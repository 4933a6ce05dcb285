package io.bridgehead.console.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Starts and stops a role's service through the operating system's service manager. The
 * console restarts a running service's job loop over IPC, but a stopped service has no socket
 * to call, so starting it needs the service manager.
 */
public interface SystemServices {
  /** Returns whether {@link #start} and {@link #stop} may work for this user. */
  boolean canControl();

  /** Returns why {@link #canControl()} is false, for a tooltip; empty when it is true. */
  String reason();

  /** Starts a role's service and waits for the service manager to finish. */
  void start(String role) throws IOException, InterruptedException;

  /** Stops a role's service and waits for the service manager to finish. */
  void stop(String role) throws IOException, InterruptedException;

  /**
   * Returns systemd on Linux when it manages the host ({@code /run/systemd/system} exists, the
   * test {@code sd_booted} makes) and {@code systemctl} exists, and no service manager
   * elsewhere.
   */
  static SystemServices forCurrentPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    Path systemctl = Path.of("/usr/bin/systemctl");
    if (os.startsWith("linux")) {
      if (!Files.isDirectory(Path.of("/run/systemd/system")) || !Files.isExecutable(systemctl)) {
        return new UnavailableServices("systemd does not manage this host, so the console"
            + " cannot start or stop services; run them with 'bridgehead agent run'");
      }
      return new SystemdServices(systemctl, "root".equals(System.getProperty("user.name")));
    }
    // NOTE: on Windows the console does not start or stop services; the installer's
    // WindowsServiceManager could, but it has never run, so the menu items stay disabled.
    return new UnavailableServices("starting and stopping services is not supported on "
        + System.getProperty("os.name") + " yet; use the system's service manager");
  }
}

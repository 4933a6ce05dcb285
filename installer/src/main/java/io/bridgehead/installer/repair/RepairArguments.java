package io.bridgehead.installer.repair;

import io.bridgehead.agent.config.DurationText;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.unattended.InvalidOptionException;
import io.bridgehead.installer.unattended.Options;
import io.bridgehead.installer.update.Updater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The checked command line of {@code bridgehead repair}.
 *
 * @param root the {@code --root} folder, or null for an installation into the system
 * @param dataDir the installation data folder, which contains {@code install.json}
 * @param logFile the {@code --log-file}, or null for no log file
 * @param machine true for {@code --progress}: machine-readable progress lines
 * @param healthTimeout how long each service may take to become healthy after its start
 */
record RepairArguments(Path root, Path dataDir, Path logFile, boolean machine,
    Duration healthTimeout) {
  /**
   * The default health wait. It is longer than the 60 s for which the tenant keeps rejecting
   * a new process of an agent whose previous process was killed, so that a repair after a
   * crash does not give up while the tenant still waits.
   */
  static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);
  private static final Set<String> VALUED = Set.of("root", "data-dir", "log-file",
      "health-timeout");
  private static final Set<String> FLAGS = Set.of("progress");

  /**
   * Parses the arguments.
   *
   * @param windows true to use the Windows default data folder
   * @throws InvalidOptionException naming the option and what to give instead
   */
  static RepairArguments parse(List<String> arguments, boolean windows)
      throws InvalidOptionException {
    Options options = Options.parse(arguments, VALUED, FLAGS);
    String rootText = options.value("root");
    Path root = rootText == null ? null : Path.of(rootText).toAbsolutePath().normalize();
    if (root != null && !Files.isDirectory(root)) {
      throw new InvalidOptionException("--root " + rootText + ": folder not found; give the"
          + " folder given to 'install --root'");
    }
    String dataText = options.value("data-dir");
    if (dataText != null && !Path.of(dataText).isAbsolute()) {
      throw new InvalidOptionException("--data-dir " + dataText + " is not an absolute path;"
          + " give the full path of the folder that contains install.json");
    }
    Path dataDir = dataText == null ? null : Path.of(dataText);
    InstallLayout layout = windows ? InstallLayout.windows(root, null, dataDir)
        : InstallLayout.linux(root, null, dataDir);
    String logText = options.value("log-file");
    Path logFile = logText == null ? null : Path.of(logText).toAbsolutePath();
    String timeoutText = options.value("health-timeout");
    Duration timeout = DEFAULT_HEALTH_TIMEOUT;
    if (timeoutText != null) {
      try {
        timeout = DurationText.parse(timeoutText);
      } catch (IllegalArgumentException e) {
        throw new InvalidOptionException("--health-timeout: " + e.getMessage());
      }
      if (timeout.compareTo(Updater.MIN_HEALTH_TIMEOUT) < 0
          || timeout.compareTo(Updater.MAX_HEALTH_TIMEOUT) > 0) {
        throw new InvalidOptionException("--health-timeout " + timeoutText + " is out of"
            + " range; use 1s to 1h, such as 120s");
      }
    }
    return new RepairArguments(root, layout.dataDir(), logFile, options.flag("progress"),
        timeout);
  }
}

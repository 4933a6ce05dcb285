package io.bridgehead.installer.layout;

import io.bridgehead.wire.Role;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The paths an installation puts its files in. Every path is absolute; with {@code --root ROOT}
 * every one of them lies under ROOT.
 *
 * @param root the folder that prefixes every path, or null for an installation into the
 *     system
 * @param installDir the program files: {@code versions/<version>/} and the {@code current}
 *     link (Windows: the {@code current.txt} pointer file)
 * @param dataDir the data folders, one per role, and the install record
 * @param logDir the services' logs and the install log
 * @param runDir the services' control sockets, and the pid files of an installation into a
 *     folder; unused on Windows, where services listen on named pipes
 * @param unitDir the systemd unit files; unused on Windows
 * @param autostartDir the console's autostart entry; unused on Windows
 * @param windows true for the Windows layout
 */
public record InstallLayout(
    Path root,
    Path installDir,
    Path dataDir,
    Path logDir,
    Path runDir,
    Path unitDir,
    Path autostartDir,
    boolean windows) {

  public static final Path LINUX_INSTALL_DIR = Path.of("/opt/bridgehead");
  public static final Path LINUX_DATA_DIR = Path.of("/var/lib/bridgehead");
  public static final Path LINUX_LOG_DIR = Path.of("/var/log/bridgehead");
  public static final Path LINUX_RUN_DIR = Path.of("/run/bridgehead");
  public static final Path LINUX_UNIT_DIR = Path.of("/etc/systemd/system");
  public static final Path LINUX_AUTOSTART_DIR = Path.of("/etc/xdg/autostart");

  public InstallLayout {
    Objects.requireNonNull(installDir, "installDir");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logDir, "logDir");
  }

  /**
   * Returns the Linux layout.
   *
   * @param root the folder that prefixes every path, or null
   * @param installDir the program folder, or null for {@code /opt/bridgehead}
   * @param dataDir the data folder, or null for {@code /var/lib/bridgehead}
   */
  public static InstallLayout linux(Path root, Path installDir, Path dataDir) {
    return new InstallLayout(root,
        under(root, installDir == null ? LINUX_INSTALL_DIR : installDir),
        under(root, dataDir == null ? LINUX_DATA_DIR : dataDir),
        under(root, LINUX_LOG_DIR),
        under(root, LINUX_RUN_DIR),
        under(root, LINUX_UNIT_DIR),
        under(root, LINUX_AUTOSTART_DIR),
        false);
  }

  /**
   * Returns the Windows layout: {@code %ProgramFiles%\Bridgehead},
   * {@code %ProgramData%\Bridgehead} and its {@code logs} folder.
   *
   * <p>NOTE: never run; no Windows machine was at hand.
   */
  public static InstallLayout windows(Path root, Path installDir, Path dataDir) {
    Path programFiles = Path.of(environment("ProgramFiles", "C:\\Program Files"));
    Path programData = Path.of(environment("ProgramData", "C:\\ProgramData"));
    Path data = under(root, dataDir == null ? programData.resolve("Bridgehead") : dataDir);
    return new InstallLayout(root,
        under(root, installDir == null ? programFiles.resolve("Bridgehead") : installDir),
        data, data.resolve("logs"), null, null, null, true);
  }

  /** Returns true for an installation into a folder ({@code --root}). */
  public boolean inFolder() {
    return root != null;
  }

  public Path versionsDir() {
    return installDir.resolve("versions");
  }

  public Path versionDir(String version) {
    return versionsDir().resolve(version);
  }

  /** Returns the {@code current} link (Linux) or {@code current.txt} pointer (Windows). */
  public Path current() {
    return installDir.resolve(windows ? "current.txt" : "current");
  }

  /** Returns the program the services run, through the current version. */
  public Path currentProgram() {
    return windows ? installDir.resolve("current").resolve("bin").resolve("bridgehead.cmd")
        : current().resolve("bin").resolve("bridgehead");
  }

  public Path roleData(Role role) {
    return dataDir.resolve(role.wireName());
  }

  public Path record() {
    return dataDir.resolve("install.json");
  }

  public Path defaultInstallLog() {
    return logDir.resolve("install.log");
  }

  public Path socket(Role role) {
    return runDir.resolve(role.wireName() + ".sock");
  }

  /** Returns the systemd unit file of a role's service. */
  public Path unitFile(Role role) {
    return unitDir.resolve(serviceName(role) + ".service");
  }

  public Path autostartFile() {
    return autostartDir.resolve("bridgehead-console.desktop");
  }

  /**
   * Returns a role's service name: {@code bridgehead-automation} on Linux,
   * {@code BridgeheadAutomation} on Windows.
   */
  public String serviceName(Role role) {
    String name = role.wireName();
    if (windows) {
      return "Bridgehead" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
    return "bridgehead-" + name;
  }

  /** Returns {@code path} made absolute and, when {@code root} is set, placed under it. */
  public static Path under(Path root, Path path) {
    Path absolute = path.isAbsolute() ? path : path.toAbsolutePath();
    if (root == null) {
      return absolute.normalize();
    }
    Path relative = absolute.getRoot() == null ? absolute : absolute.getRoot().relativize(absolute);
    return root.toAbsolutePath().resolve(relative).normalize();
  }

  private static String environment(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

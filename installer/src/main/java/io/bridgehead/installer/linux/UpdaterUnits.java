package io.bridgehead.installer.linux;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The systemd units that start the updater when a service requests an update: a path unit
 * that watches for {@code request.json} in the update folder, and the oneshot service it
 * starts, which runs {@code bridgehead update apply} as root. The services themselves run as
 * the service account and cannot switch versions; they only write the request.
 *
 * @param program the program of the current version, {@code .../current/bin/bridgehead}
 * @param dataDir the installation's data folder
 * @param request the request file the path unit watches
 */
public record UpdaterUnits(Path program, Path dataDir, Path request) {
  /** The path unit's name. */
  public static final String PATH_UNIT = "bridgehead-updater.path";
  /** The name of the service that the path unit starts. */
  public static final String SERVICE_UNIT = "bridgehead-updater.service";

  /** Returns the path unit's text. */
  public String renderPath() {
    return String.join("\n",
        "# Written by the Bridgehead installer; a reinstall replaces it, and 'bridgehead",
        "# uninstall' removes it.",
        "[Unit]",
        "Description=Start the Bridgehead updater when a service requests an update",
        "",
        "[Path]",
        "# A service writes this file when the tenant wants another version and its package",
        "# is downloaded and verified. The updater deletes it when it is done.",
        "PathExists=" + escape(request.toString()),
        "Unit=" + SERVICE_UNIT,
        "",
        "[Install]",
        "WantedBy=paths.target",
        "");
  }

  /**
   * Returns the updater service's text.
   *
   * <p>NOTE: the service runs the program that {@code current} points at. When an updater was
   * killed after it switched {@code current} to a version that cannot start, this unit cannot
   * recover the update; {@code versions/OLD/bin/bridgehead update recover} or repair can.
   */
  public String renderService() {
    List<String> command = List.of(program.toString(), "update", "apply", "--data-dir",
        dataDir.toString());
    return String.join("\n",
        "# Written by the Bridgehead installer; a reinstall replaces it, and 'bridgehead",
        "# uninstall' removes it. " + PATH_UNIT + " starts it.",
        "[Unit]",
        "Description=Bridgehead updater: switch the agent to the requested version",
        "",
        "[Service]",
        "Type=oneshot",
        "# Root, because the updater replaces program files and stops and starts the",
        "# services. It verifies the requested package itself and trusts nothing else the",
        "# services' account wrote.",
        "User=root",
        "ExecStart=" + command.stream().map(SystemdUnit::quote)
            .collect(Collectors.joining(" ")),
        "# The updater waits up to 120 s for each service to be healthy, twice when it",
        "# switches back, and a service may take 90 s to stop.",
        "TimeoutStartSec=30min",
        "");
  }

  private static String escape(String text) {
    return text.replace("%", "%%");
  }
}

package io.bridgehead.agent.update;

import io.bridgehead.agent.AgentVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The way a service starts the updater and repair, which run the {@code bridgehead} program
 * of the running version with a subcommand.
 *
 * @param spawnsUpdater true when the service starts the updater itself (foreground and
 *     Windows hosts); false under systemd, where a path unit starts it once
 *     {@code request.json} appears
 * @param program the {@code bridgehead} program to run, or null when the agent does not run
 *     from an installed version folder, so that neither can be started
 * @param spawner how the program is started
 */
public record UpdaterLaunch(boolean spawnsUpdater, Path program, ProcessSpawner spawner) {

  /** Returns the launch of a foreground or Windows host: the service starts the updater. */
  public static UpdaterLaunch spawning() {
    return new UpdaterLaunch(true, installedProgram(), new DetachedSpawner());
  }

  /** Returns the launch of a systemd host, whose path unit starts the updater. */
  public static UpdaterLaunch byPathUnit() {
    return new UpdaterLaunch(false, installedProgram(), new DetachedSpawner());
  }

  /**
   * Starts {@code program} with {@code arguments}, detached, its output appended to
   * {@code output}.
   *
   * @throws IOException when there is no program or it cannot be started
   */
  public void start(List<String> arguments, Path output) throws IOException {
    if (program == null) {
      throw new IOException("cannot start 'bridgehead " + String.join(" ", arguments)
          + "': this agent does not run from an installed version folder"
          + " (versions/VERSION/lib), so it has no bridgehead program to run; install it"
          + " with the installer");
    }
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(arguments);
    spawner.spawn(command, output);
  }

  /** Returns {@code <version folder>/bin/bridgehead}, or null outside a version folder. */
  private static Path installedProgram() {
    // NOTE: the Windows name is never run here.
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
        .startsWith("windows");
    String name = windows ? "bridgehead.cmd" : "bridgehead";
    return AgentVersion.folder().map(folder -> folder.resolve("bin").resolve(name))
        .orElse(null);
  }
}

package io.bridgehead.console;

import io.bridgehead.console.instance.SingleInstance;
import io.bridgehead.console.system.Installation;
import io.bridgehead.console.view.MainWindow;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code bridgehead console}.
 *
 * @param socketDirectory the services' socket folder, or null for their default
 * @param instanceDirectory the folder of the one-instance lock and socket
 * @param dataDir the installation's data folder that Repair uses until a service reports its
 *     own
 * @param page the page to show first, one of {@link MainWindow#PAGES}, or empty
 * @param help true when the arguments ask for the usage text
 */
public record ConsoleOptions(Path socketDirectory, Path instanceDirectory, Path dataDir,
    String page, boolean help) {
  public static final String USAGE = String.join("\n",
      "Usage: bridgehead console [--page PAGE] [--ipc-dir DIR] [--instance-dir DIR]",
      "                          [--data-dir DIR]",
      "",
      "Opens the Bridgehead console: a tray icon with the services' overall state and a",
      "window with their status, jobs, logs, setup, pools and updates. A second start brings",
      "the running console to the front and exits 0. Without a system tray (as under Xvfb)",
      "the console runs as a normal window.",
      "",
      "Options:",
      "  --page PAGE             the page to show: Dashboard (default), Jobs, Logs, Setup,",
      "                          Pools or Updates; sent to the running console if there is",
      "                          one",
      "  --ipc-dir DIR           the services' socket folder (default /run/bridgehead when",
      "                          it has a service's socket, else $XDG_RUNTIME_DIR/bridgehead,",
      "                          else <temp>/bridgehead-<user>); ignored on Windows",
      "  --instance-dir DIR      the folder of the console's one-instance lock (default",
      "                          $XDG_RUNTIME_DIR/bridgehead-console, else",
      "                          <temp>/bridgehead-console-<user>)",
      "  --data-dir DIR          the installation's data folder, which Repair uses while no",
      "                          service has reported its own (default /var/lib/bridgehead;",
      "                          %ProgramData%\\Bridgehead on Windows)",
      "",
      "Changing actions (restart, configuration, pool switch, repair) need root (an",
      "administrator on Windows); for other users they stay disabled with the reason.");

  /**
   * Parses the arguments after {@code console}.
   *
   * @throws IllegalArgumentException naming the invalid argument
   */
  public static ConsoleOptions parse(List<String> arguments) {
    Path sockets = null;
    Path instance = SingleInstance.defaultFolder();
    Path data = Installation.defaultDataDir();
    String page = "";
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      switch (argument) {
        case "--help", "-h" -> {
          return new ConsoleOptions(sockets, instance, data, page, true);
        }
        case "--ipc-dir" -> sockets = path(arguments, ++i, argument);
        case "--instance-dir" -> instance = path(arguments, ++i, argument);
        case "--data-dir" -> data = path(arguments, ++i, argument);
        case "--page" -> page = page(arguments, ++i);
        default -> throw new IllegalArgumentException("unknown argument '" + argument
            + "'; see 'bridgehead console --help'");
      }
    }
    return new ConsoleOptions(sockets, instance, data, page, false);
  }

  private static String page(List<String> arguments, int index) {
    String value = index < arguments.size() ? arguments.get(index) : "";
    for (String page : MainWindow.PAGES) {
      if (page.equalsIgnoreCase(value)) {
        return page;
      }
    }
    throw new IllegalArgumentException("--page '" + value + "' is not a page; use one of "
        + String.join(", ", MainWindow.PAGES));
  }

  private static Path path(List<String> arguments, int index, String option) {
    if (index >= arguments.size() || arguments.get(index).isBlank()) {
      throw new IllegalArgumentException(option + " needs a folder");
    }
    try {
      return Path.of(arguments.get(index));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(option + " '" + arguments.get(index)
          + "' is not a valid path: " + e.getReason());
    }
  }
}

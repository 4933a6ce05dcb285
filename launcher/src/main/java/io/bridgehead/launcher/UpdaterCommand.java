package io.bridgehead.launcher;

import io.bridgehead.installer.update.Updater;
import io.bridgehead.installer.update.UpdaterException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code bridgehead update apply|recover}: the updater, which a service starts. */
final class UpdaterCommand {
  static final String USAGE = String.join("\n",
      "Usage: bridgehead update apply|recover --data-dir DIR [--health-timeout DURATION]",
      "",
      "Switches an installation to another version. A service starts this command when the",
      "tenant wants another version and the package is downloaded and verified; run it by",
      "hand only to finish what a stopped updater left.",
      "",
      "Commands:",
      "  apply                   first complete or undo an update that a stopped updater",
      "                          left (updates/journal.json), then switch to the version",
      "                          in updates/request.json: verify its package again, unpack",
      "                          it into versions/VERSION, stop the services, switch",
      "                          current, start them and wait until they are healthy; when",
      "                          they are not, switch back and report the failure to the",
      "                          tenant",
      "  recover                 only complete or undo an unfinished update",
      "",
      "Options:",
      "  --data-dir DIR          the installation's data folder, which contains",
      "                          install.json and updates/ (/var/lib/bridgehead, or",
      "                          ROOT/var/lib/bridgehead for 'install --root ROOT')",
      "  --health-timeout DURATION",
      "                          how long each service may take to run healthy, such as",
      "                          90s or 5m (default 120s)",
      "",
      "The log is updates/updater.log and the outcome updates/result.json in the data",
      "folder.",
      "",
      "Exit codes: 0 the requested version runs, or there was nothing to do (recover: the",
      "installation runs healthy); 1 the update failed and was rolled back, or failed",
      "outright; 2 invalid argument; 8 not allowed (not root for a system installation).");

  private final PrintStream out;
  private final PrintStream err;

  UpdaterCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command and returns its exit code; the codes are the updater's own. */
  int run(List<String> arguments) throws CommandException, IOException, InterruptedException {
    Args args = Args.parse(arguments, Set.of("data-dir", "health-timeout"), Set.of());
    List<String> words = args.operands();
    if (words.size() != 1) {
      throw CommandException.invalid(words.isEmpty() ? "missing apply or recover; see"
          + " 'bridgehead update --help'" : "unexpected argument '" + words.get(1) + "'");
    }
    String data = args.value("data-dir");
    if (data == null || data.isBlank()) {
      throw CommandException.invalid("missing --data-dir DIR, the installation's data folder"
          + " such as /var/lib/bridgehead");
    }
    Duration timeout = args.duration("health-timeout", Updater.DEFAULT_HEALTH_TIMEOUT,
        Updater.MIN_HEALTH_TIMEOUT, Updater.MAX_HEALTH_TIMEOUT);
    Updater updater = new Updater(Path.of(data), timeout, Main.class.getName(), out,
        System.getenv());
    try {
      return switch (words.get(0)) {
        case "apply" -> updater.apply();
        case "recover" -> updater.recover();
        default -> throw CommandException.invalid("unknown command 'update " + words.get(0)
            + "'; use apply or recover");
      };
    } catch (UpdaterException e) {
      err.println("bridgehead: " + e.getMessage());
      return e.exitCode();
    }
  }
}

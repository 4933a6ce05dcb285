package io.bridgehead.launcher;

import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.ReleaseView;
import io.bridgehead.tenant.admin.UpdateRetried;
import io.bridgehead.wire.UpdateWindow;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The update channel's commands of {@code bridgehead tenant}: {@code release publish}, {@code
 * release list}, {@code release delete}, {@code pool set-version}, {@code pool
 * set-update-window} and {@code agent retry-update}.
 */
final class UpdateCommands {
  private UpdateCommands() {}

  /** Runs {@code tenant release ...}. */
  static ExitCode release(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String sub = words.size() > 1 ? words.get(1) : "";
    return switch (sub) {
      case "publish" -> publish(tenant, args, words);
      case "list" -> {
        TenantCommands.noMoreOperands(words, 2);
        yield list(tenant, args);
      }
      case "delete" -> delete(tenant, args, words);
      default -> throw CommandException.invalid("unknown command 'tenant release " + sub
          + "'; use 'release publish FILE', 'release list' or 'release delete VERSION'");
    };
  }

  private static ExitCode publish(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    Path file = Path.of(TenantCommands.operand(words, 2, "release package FILE"));
    TenantCommands.noMoreOperands(words, 3);
    if (!Files.isRegularFile(file)) {
      throw CommandException.invalid("release package " + file + " not found; build one with"
          + " 'bridgehead release build'");
    }
    ReleaseView release = TenantCommands.admin(args).publishRelease(file);
    if (args.flag("json")) {
      tenant.printJson(release);
      return ExitCode.OK;
    }
    tenant.out().println("Release " + release.version() + " is published: " + release.size()
        + " bytes, " + release.files() + " files, SHA-256 " + release.sha256() + ".");
    tenant.out().println("Point a pool at it with 'bridgehead tenant pool set-version NAME "
        + release.version() + "'.");
    return ExitCode.OK;
  }

  private static ExitCode list(TenantCommands tenant, Args args)
      throws CommandException, IOException {
    List<ReleaseView> releases = TenantCommands.admin(args).releases();
    if (args.flag("json")) {
      tenant.printJson(releases);
      return ExitCode.OK;
    }
    PrintStream out = tenant.out();
    if (releases.isEmpty()) {
      out.println("No releases yet; publish one with 'bridgehead tenant release publish"
          + " FILE'.");
      return ExitCode.OK;
    }
    out.printf("%-20s %12s %6s %-30s %-20s %s%n", "VERSION", "BYTES", "FILES", "PUBLISHED",
        "TARGET OF", "SHA-256");
    for (ReleaseView release : releases) {
      String pools = release.targetedBy().isEmpty() ? "-"
          : String.join(",", release.targetedBy());
      out.printf("%-20s %12d %6d %-30s %-20s %s%n", release.version(), release.size(),
          release.files(), release.publishedAt(), pools, release.sha256());
    }
    return ExitCode.OK;
  }

  private static ExitCode delete(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String version = version(TenantCommands.operand(words, 2, "VERSION"));
    TenantCommands.noMoreOperands(words, 3);
    ReleaseView release = TenantCommands.admin(args).deleteRelease(version);
    if (args.flag("json")) {
      tenant.printJson(release);
    } else {
      tenant.out().println("Deleted release " + release.version() + ".");
    }
    return ExitCode.OK;
  }

  /** Runs {@code tenant pool set-version NAME VERSION|none}. */
  static ExitCode setVersion(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String pool = TenantCommands.poolName(words, 2, "pool name");
    String text = TenantCommands.operand(words, 3, "VERSION or none");
    TenantCommands.noMoreOperands(words, 4);
    String version = text.equalsIgnoreCase("none") ? null : version(text);
    PoolView view = TenantCommands.admin(args).setTargetVersion(pool, version);
    if (args.flag("json")) {
      tenant.printJson(view);
    } else if (version == null) {
      tenant.out().println("Pool " + view.name() + " wants no update now; its agents keep"
          + " the versions they run.");
    } else {
      tenant.out().println("Pool " + view.name() + " targets version " + version + " now;"
          + " its agents update one at a time, " + windowText(view.updateWindow()) + ".");
    }
    return ExitCode.OK;
  }

  /**
   * Runs {@code tenant pool set-update-window NAME WINDOW|any}. The words after NAME are
   * joined, so the window may be given quoted or not.
   */
  static ExitCode setUpdateWindow(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String pool = TenantCommands.poolName(words, 2, "pool name");
    TenantCommands.operand(words, 3, "update window, such as 'mon-fri 01:00-05:00', or any");
    String text = String.join(" ", words.subList(3, words.size())).trim();
    String window = null;
    if (!text.equalsIgnoreCase("any")) {
      try {
        window = UpdateWindow.parse(text).toString();
      } catch (IllegalArgumentException e) {
        throw CommandException.invalid(e.getMessage() + ", or 'any'");
      }
    }
    PoolView view = TenantCommands.admin(args).setUpdateWindow(pool, window);
    if (args.flag("json")) {
      tenant.printJson(view);
    } else {
      tenant.out().println("Agents of pool " + view.name() + " update "
          + windowText(view.updateWindow()) + ".");
    }
    return ExitCode.OK;
  }

  /** Runs {@code tenant agent retry-update ID}. */
  static ExitCode retryUpdate(TenantCommands tenant, Args args, List<String> words)
      throws CommandException, IOException {
    String agentId = TenantCommands.id(words, 2, "agent id");
    UpdateRetried retried = TenantCommands.admin(args).retryUpdate(agentId);
    if (args.flag("json")) {
      tenant.printJson(retried);
    } else if (retried.versions().isEmpty()) {
      tenant.out().println("Agent " + retried.agentId() + " on host " + retried.hostName()
          + " has no failed or timed-out update; nothing to retry.");
    } else {
      tenant.out().println("Agent " + retried.agentId() + " on host " + retried.hostName()
          + " may be offered version(s) " + String.join(", ", retried.versions())
          + " again at its next heartbeat.");
    }
    return ExitCode.OK;
  }

  private static String windowText(String window) {
    return window == null ? "at any time" : "only in the window " + window
        + " of each agent's local time";
  }

  private static String version(String text) throws CommandException {
    try {
      return ReleaseManifest.checkVersion(text);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage());
    }
  }
}

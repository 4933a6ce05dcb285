package io.bridgehead.installer.update;

import io.bridgehead.installer.linux.Commands;
import io.bridgehead.installer.services.FolderServiceManager;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of the services' logs since a version started, which the updater sends to the
 * tenant when that version failed. It reads each service's log file. For an installation into
 * a folder it also reads the file that receives the process's standard output and error,
 * because a program that fails before its logging starts leaves its message there. A systemd
 * service logs to the journal, which is read with {@code journalctl}.
 */
final class ServiceLogTail {
  /** The maximum length of the tail sent, in characters, which is what the tenant keeps. */
  static final int MAX_CHARS = AgentApi.MAX_UPDATE_LOG_CHARS;

  private final InstalledServices services;

  ServiceLogTail(InstalledServices services) {
    this.services = services;
  }

  /** Returns the current length of each log file, to cut the tail from later. */
  Map<String, Long> mark() {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (Path file : files()) {
      try {
        offsets.put(file.toString(), Files.exists(file) ? Files.size(file) : 0L);
      } catch (IOException e) {
        offsets.put(file.toString(), 0L);
      }
    }
    return offsets;
  }

  /**
   * Returns what the logs received after {@code offsets}, or their last lines for a file
   * without an offset, at most {@link #MAX_CHARS} from the end.
   *
   * @param since when the version started, for the systemd journal
   */
  String read(Map<String, Long> offsets, Instant since) {
    StringBuilder text = new StringBuilder();
    for (Path file : files()) {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      long from = offsets.getOrDefault(file.toString(), -1L);
      String part = readFrom(file, from);
      if (!part.isBlank()) {
        text.append("== ").append(file.getFileName()).append(" ==\n").append(part);
        if (!part.endsWith("\n")) {
          text.append('\n');
        }
      }
    }
    if (services.record().serviceManager().equals("systemd")) {
      text.append(journal(since));
    }
    return lastChars(text.toString());
  }

  /** Returns the last {@link #MAX_CHARS} characters of {@code text}. */
  static String lastChars(String text) {
    return text.length() <= MAX_CHARS ? text : text.substring(text.length() - MAX_CHARS);
  }

  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Role role : services.roles()) {
      files.add(services.layout().logDir().resolve("agent-" + role.wireName() + ".log"));
      if (services.manager() instanceof FolderServiceManager folder) {
        files.add(folder.outputFile(services.layout().serviceName(role)));
      }
    }
    return files;
  }

  /** Reads {@code file} from {@code offset}, or its last {@link #MAX_CHARS} when negative. */
  private static String readFrom(Path file, long offset) {
    try {
      // The services' account writes the log folder, and root must not send another file.
      SharedFiles.checkWrittenByFolderOwner(file);
    } catch (IOException e) {
      return "(" + file + " is left out: " + e.getMessage() + ")\n";
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      long size = Files.size(file);
      long start = offset < 0 || offset > size ? Math.max(0, size - MAX_CHARS) : offset;
      start = Math.max(start, size - 4L * MAX_CHARS);
      in.skipNBytes(start);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + file + " cannot be read: " + e.getMessage() + ")\n";
    }
  }

  /** Reads the services' journal entries since {@code since}. */
  private String journal(Instant since) {
    // NOTE: never run; the test machine does not boot systemd.
    StringBuilder text = new StringBuilder();
    for (Role role : services.roles()) {
      String name = services.layout().serviceName(role);
      try {
        Commands.Result result = Commands.run(List.of("journalctl", "--unit", name,
            "--since", "@" + since.getEpochSecond(), "--no-pager", "--output", "short-iso"));
        text.append("== journal of ").append(name).append(" ==\n").append(result.output())
            .append('\n');
      } catch (IOException e) {
        text.append("(the journal of ").append(name).append(" cannot be read: ")
            .append(e.getMessage()).append(")\n");
      }
    }
    return text.toString();
  }
}

package io.bridgehead.agent.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a script's process tree on Linux, macOS and other POSIX systems.
 *
 * <p>When {@code setsid} (util-linux) is installed, each script starts as the leader of a new
 * session and process group, so its group id equals its process id. Killing that group also
 * reaches background processes whose parent has already exited, which
 * {@link ProcessHandle#descendants()} no longer finds. Without {@code setsid}, only the process
 * and its current descendants are killed.
 */
final class PosixProcessTreeKiller implements ProcessTreeKiller {
  private static final Logger log = LoggerFactory.getLogger(PosixProcessTreeKiller.class);
  private static final List<Path> SETSID_LOCATIONS =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
  private static final Path PROC = Path.of("/proc");
  /** Rounds of killing, for processes that fork while the group is being killed. */
  private static final int MAX_ROUNDS = 5;

  /** The setsid executable, or null when none is installed and groups are not used. */
  private final Path setsid;

  PosixProcessTreeKiller(Path setsid) {
    this.setsid = setsid;
  }

  /** Returns a killer that uses the installed setsid, or falls back to descendants only. */
  static PosixProcessTreeKiller create() {
    for (Path candidate : SETSID_LOCATIONS) {
      if (Files.isExecutable(candidate)) {
        return new PosixProcessTreeKiller(candidate);
      }
    }
    log.warn("setsid was not found in {}: background processes that a script leaves behind"
        + " after its own exit cannot be killed; install util-linux", SETSID_LOCATIONS);
    return new PosixProcessTreeKiller(null);
  }

  @Override
  public List<String> launchPrefix() {
    return setsid == null ? List.of() : List.of(setsid.toString());
  }

  @Override
  public int killTree(Process process) {
    long groupId = process.pid();
    Map<Long, ProcessHandle> killed = new LinkedHashMap<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<ProcessHandle> targets = findTargets(process, groupId);
      // A process already sent SIGKILL cannot ignore it, so only new processes count.
      targets.removeIf(handle -> killed.containsKey(handle.pid()));
      if (targets.isEmpty()) {
        break;
      }
      if (setsid != null) {
        signalGroup(groupId);
      }
      ProcessKills.destroyAll(targets, PosixProcessTreeKiller::isRunning);
      targets.forEach(handle -> killed.put(handle.pid(), handle));
    }
    return killed.size();
  }

  private List<ProcessHandle> findTargets(Process process, long groupId) {
    List<ProcessHandle> targets = new ArrayList<>();
    if (isRunning(process.toHandle())) {
      targets.add(process.toHandle());
    }
    process.descendants().filter(PosixProcessTreeKiller::isRunning).forEach(targets::add);
    if (setsid != null) {
      for (long pid : livingGroupMembers(groupId)) {
        if (targets.stream().noneMatch(handle -> handle.pid() == pid)) {
          ProcessHandle.of(pid).ifPresent(targets::add);
        }
      }
    }
    return targets;
  }

  /**
   * Returns whether the process exists and is no zombie. Zombies are recognized only where
   * {@code /proc} exists, as on Linux.
   */
  static boolean isRunning(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    ProcStat stat = ProcStat.read(PROC.resolve(Long.toString(handle.pid())).resolve("stat"));
    return stat == null ? handle.isAlive() : stat.state() != 'Z';
  }

  /**
   * Sends SIGKILL to every process of the group at once, through the {@code kill} command
   * because Java has no call for it. Processes forked after the signal are caught by the
   * next round.
   */
  private static void signalGroup(long groupId) {
    ProcessBuilder builder = new ProcessBuilder("kill", "-KILL", "--", "-" + groupId)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process kill = builder.start();
      if (!kill.waitFor(ProcessKills.EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
        log.warn("kill -KILL -- -{} did not finish within {}", groupId, ProcessKills.EXIT_WAIT);
      }
    } catch (IOException e) {
      log.warn("Could not run kill for process group {}; killing its members one by one",
          groupId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the ids of the processes in the group that are not zombies, read from
   * {@code /proc}; empty where there is no {@code /proc}, as on macOS.
   */
  static List<Long> livingGroupMembers(long groupId) {
    List<Long> members = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return members;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        ProcStat stat = ProcStat.read(entry.resolve("stat"));
        if (stat != null && stat.groupId() == groupId && stat.state() != 'Z') {
          members.add(stat.pid());
        }
      }
    } catch (IOException e) {
      log.warn("Could not list /proc to find the members of process group {}", groupId, e);
    }
    return members;
  }

  /** The fields of {@code /proc/<pid>/stat} that group killing needs. */
  record ProcStat(long pid, char state, long groupId) {
    /** Returns the parsed file, or null when the process has gone or the file is unreadable. */
    static ProcStat read(Path statFile) {
      String text;
      try {
        text = Files.readString(statFile, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        return null;
      }
      return parse(text);
    }

    /**
     * Parses "pid (comm) state ppid pgrp ...". The command name may contain spaces and
     * parentheses, so the fields after it are found from its last closing parenthesis.
     */
    static ProcStat parse(String text) {
      int open = text.indexOf(" (");
      int close = text.lastIndexOf(')');
      if (open < 0 || close < open) {
        return null;
      }
      String[] rest = text.substring(close + 1).trim().split(" ");
      if (rest.length < 3 || rest[0].isEmpty()) {
        return null;
      }
      try {
        long pid = Long.parseLong(text.substring(0, open).trim());
        return new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[2]));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}

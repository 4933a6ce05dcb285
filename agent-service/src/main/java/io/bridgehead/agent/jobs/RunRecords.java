package io.bridgehead.agent.jobs;

import io.bridgehead.agent.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records which process runs each job's script, in {@code <work>/pids/<job id>}, so that an
 * agent that starts after a crash (or a SIGKILL) can kill the scripts its predecessor left
 * running. Without this, such a script would run on while the tenant gives its job to another
 * agent. A record names the process id and its start time, so that a reused process id is
 * never mistaken for the script.
 */
public final class RunRecords {
  private static final Logger log = LoggerFactory.getLogger(RunRecords.class);
  /** How far a process's start time may differ from the recorded one and still match. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  private RunRecords() {}

  static void record(Path workRoot, String jobId, long pid) {
    if (pid <= 0) {
      return;
    }
    Optional<Instant> started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    String line = pid + " " + started.map(Instant::toEpochMilli).orElse(0L);
    try {
      AtomicFiles.write(folder(workRoot).resolve(jobId), line.getBytes(StandardCharsets.UTF_8),
          true);
    } catch (IOException e) {
      log.warn("Could not record the process of job {}: {}; a crash of the agent could leave"
          + " it running", jobId, e.toString());
    }
  }

  static void remove(Path workRoot, String jobId) {
    try {
      Files.deleteIfExists(folder(workRoot).resolve(jobId));
    } catch (IOException e) {
      log.warn("Could not remove the process record of job {}: {}", jobId, e.toString());
    }
  }

  /** Kills every recorded script that still runs, with its process group; deletes records. */
  public static void killLeftovers(Path workRoot) {
    Path folder = folder(workRoot);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> records = Files.newDirectoryStream(folder)) {
      for (Path record : records) {
        killRecorded(record);
        Files.deleteIfExists(record);
      }
    } catch (IOException e) {
      log.warn("Could not read the process records in {}: {}", folder, e.toString());
    }
  }

  private static void killRecorded(Path record) throws IOException {
    String[] fields = Files.readString(record, StandardCharsets.UTF_8).trim().split(" ");
    long pid;
    long startMillis;
    try {
      pid = Long.parseLong(fields[0]);
      startMillis = fields.length > 1 ? Long.parseLong(fields[1]) : 0;
    } catch (NumberFormatException e) {
      log.warn("Ignoring the unreadable process record {}", record);
      return;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !sameStart(handle.get(), startMillis)) {
      return;
    }
    log.warn("Killing process {} of job {}, left running by an earlier agent process", pid,
        record.getFileName());
    killGroup(pid);
    handle.get().descendants().forEach(ProcessHandle::destroyForcibly);
    handle.get().destroyForcibly();
  }

  private static boolean sameStart(ProcessHandle handle, long startMillis) {
    Optional<Instant> started = handle.info().startInstant();
    if (startMillis == 0 || started.isEmpty()) {
      return false;
    }
    long difference = Math.abs(started.get().toEpochMilli() - startMillis);
    return difference <= START_TOLERANCE.toMillis();
  }

  /**
   * Kills the process group the script leads on POSIX systems, where the script host starts
   * each script in a session of its own; this reaches children whose parent already exited.
   */
  private static void killGroup(long pid) {
    if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.debug("kill of process group {} failed: {}", pid, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path folder(Path workRoot) {
    return workRoot.resolve("pids");
  }
}

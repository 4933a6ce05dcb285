package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.fail;

import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Tasks, bounded waits and job queries shared by the fault tests. */
final class FaultSupport {
  /** The output cap of every test task. */
  static final long ONE_MIB = 1024 * 1024;
  /** The maximum number of jobs the admin API lists in one request. */
  static final int MAX_LISTED_JOBS = 1000;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private FaultSupport() {}

  /** A condition that a test waits for. An exception it throws fails the test at once. */
  interface Condition {
    boolean holds() throws Exception;
  }

  /** Returns an sh task with a time limit of {@code timeLimitSeconds}. */
  static TaskSpec shTask(String script, Map<String, String> variables, int timeLimitSeconds) {
    return new TaskSpec(ScriptShell.SH, script, variables, Set.of(), timeLimitSeconds, ONE_MIB);
  }

  /** Waits up to {@code limit} for {@code condition}, and fails the test if it never holds. */
  static void awaitTrue(String description, Duration limit, Condition condition)
      throws Exception {
    if (!waitFor(limit, condition)) {
      fail("waited " + limit + " in vain until " + description);
    }
  }

  /**
   * Waits up to {@code limit} for {@code condition}, checking it every 20 ms, and returns
   * whether it held, so that the caller can assert what it needs with the details.
   */
  static boolean waitFor(Duration limit, Condition condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /**
   * Waits up to {@code limit} for every job in {@code jobIds} to finish and returns the
   * tenant's listing of each job, by id. A job listed more than once keeps its last entry,
   * and {@link #countListed} counts the entries.
   */
  static Map<String, JobView> awaitAllFinished(AdminClient admin, Collection<String> jobIds,
      Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Map<String, JobView> listed = listJobs(admin, jobIds);
      long finished = listed.values().stream().filter(JobView::finished).count();
      if (finished == jobIds.size()) {
        return listed;
      }
      if (System.nanoTime() > deadline) {
        fail("waited " + limit + " in vain for " + jobIds.size() + " jobs to finish; "
            + finished + " finished, states: " + countStates(listed.values()));
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  /** Returns the tenant's listing of the given jobs, by id, leaving out jobs not listed. */
  static Map<String, JobView> listJobs(AdminClient admin, Collection<String> jobIds)
      throws IOException {
    Set<String> requested = Set.copyOf(jobIds);
    Map<String, JobView> byId = new HashMap<>();
    for (JobView job : admin.jobs(MAX_LISTED_JOBS)) {
      if (requested.contains(job.id())) {
        byId.put(job.id(), job);
      }
    }
    return byId;
  }

  /** Returns how many times the tenant lists each of the given jobs, by id. */
  static Map<String, Long> countListed(AdminClient admin, Collection<String> jobIds)
      throws IOException {
    Set<String> requested = Set.copyOf(jobIds);
    return admin.jobs(MAX_LISTED_JOBS).stream()
        .map(JobView::id)
        .filter(requested::contains)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** Returns how many jobs are in each state, for failure messages. */
  static Map<String, Long> countStates(Collection<JobView> jobs) {
    return jobs.stream().collect(Collectors.groupingBy(JobView::state, Collectors.counting()));
  }

  /**
   * Returns the items kept in an agent's outbox folder, each as its file name and text. An
   * agent deletes each item once the tenant has taken it.
   */
  static List<String> outboxFiles(Path agentFolder) throws IOException {
    List<String> items = new ArrayList<>();
    try (Stream<Path> files = Files.list(agentFolder.resolve("outbox"))) {
      for (Path file : files.sorted().collect(Collectors.toList())) {
        if (file.getFileName().toString().endsWith(".json")) {
          items.add(file.getFileName() + ": " + Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return items;
  }

  /** Returns how many times each line occurs in a file; empty when the file is missing. */
  static Map<String, Long> countLines(Path file) throws IOException {
    return readLines(file).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** Returns the lines of a file, or none when it is missing. */
  static List<String> readLines(Path file) throws IOException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /**
   * Returns whether the process exists and is no zombie. Zombies, which have already ended,
   * are recognized only where {@code /proc} exists, as on Linux.
   */
  static boolean isRunning(long pid) throws IOException {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.isDirectory(stat.getParent().getParent())) {
      return true;
    }
    try {
      // "pid (command) state ...": the command may contain spaces and parentheses.
      String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
      return text.substring(text.lastIndexOf(')') + 1).trim().charAt(0) != 'Z';
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}

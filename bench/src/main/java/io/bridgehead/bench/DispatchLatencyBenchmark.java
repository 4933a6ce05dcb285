package io.bridgehead.bench;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long a queued task takes to start on an idle agent. It starts a reference
 * tenant over HTTPS on a free loopback port and one automation agent in this JVM, which runs
 * at most one job at a time. Both keep their data in a temporary folder. It then runs trivial
 * sh tasks one after another and prints percentiles of two figures:
 *
 * <ul>
 *   <li>dispatch latency: from just before {@link AdminClient#submit} to the moment the task's
 *       script reads the clock with {@code date +%s%N};
 *   <li>round trip: from just before the submit to the moment the admin API returns the
 *       finished job with its result.
 * </ul>
 *
 * <p>Both dispatch timestamps are epoch nanoseconds of this machine's real-time clock
 * ({@code CLOCK_REALTIME}), read by {@link Instant#now()} and by {@code date}. A step of that
 * clock during the run skews the figure: a step that makes a sample negative fails the run,
 * and a smaller one goes unnoticed. The round trip uses {@link System#nanoTime()}, which clock
 * steps do not affect. It runs on Linux only, because the task needs {@code /bin/sh} and a
 * {@code date} that prints nanoseconds (GNU coreutils).
 *
 * <pre>{@code
 * java -cp "bench/target/bench-0.1.0.jar:bench/target/lib/*" \
 *     io.bridgehead.bench.DispatchLatencyBenchmark --tasks 300
 * }</pre>
 */
public final class DispatchLatencyBenchmark {
  private static final Logger log = LoggerFactory.getLogger(DispatchLatencyBenchmark.class);
  private static final String POOL = "bench";
  /** Maximum time from submit to result for one task; a slower task fails the run. */
  private static final Duration TASK_WAIT = Duration.ofSeconds(60);
  /** Wait requested of one admin API long poll for a finished job. */
  private static final Duration POLL_WAIT = Duration.ofSeconds(20);

  private static final int EXIT_OK = 0;
  private static final int EXIT_FAILED = 1;
  private static final int EXIT_INVALID_ARGUMENT = 2;

  private final DispatchLatencyOptions options;
  private final PrintStream out;

  private DispatchLatencyBenchmark(DispatchLatencyOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Timings of one task, in nanoseconds. */
  private record TaskTiming(long dispatchNanos, long roundTripNanos) {}

  public static void main(String[] argv) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(Arrays.asList(argv), out, err));
  }

  /** Runs the benchmark and returns its exit code without calling {@link System#exit}. */
  static int run(List<String> arguments, PrintStream out, PrintStream err) {
    DispatchLatencyOptions options;
    try {
      options = DispatchLatencyOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      err.println("dispatch latency benchmark: " + e.getMessage() + "\n\n"
          + DispatchLatencyOptions.USAGE);
      return EXIT_INVALID_ARGUMENT;
    }
    if (options.help()) {
      out.println(DispatchLatencyOptions.USAGE);
      return EXIT_OK;
    }
    if (System.getProperty("os.name").startsWith("Windows")) {
      err.println("dispatch latency benchmark: the task is an sh script timed with GNU date,"
          + " so run the benchmark on Linux");
      return EXIT_FAILED;
    }
    try {
      new DispatchLatencyBenchmark(options, out).runInTemporaryFolder();
      return EXIT_OK;
    } catch (IOException | TaskFailedException e) {
      err.println("dispatch latency benchmark failed: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("dispatch latency benchmark interrupted");
      return EXIT_FAILED;
    }
  }

  private void runInTemporaryFolder()
      throws IOException, TaskFailedException, InterruptedException {
    Path folder = Files.createTempDirectory("bridgehead-bench-");
    try {
      runWithTenant(folder);
    } finally {
      BenchFolders.deleteTree(folder);
    }
  }

  private void runWithTenant(Path folder)
      throws IOException, TaskFailedException, InterruptedException {
    TenantSettings settings = TenantSettings.defaults(folder.resolve("tenant")).withPort(0);
    try (TenantServer tenant = TenantServer.start(settings)) {
      AdminClient admin =
          AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
      String enrollmentKey = admin.createPool(POOL).enrollmentKey();
      Path agentData = folder.resolve("agent");
      Enrollment.enroll(new TenantConnection(tenant.url(), tenant.fingerprint(), null),
          enrollmentKey, List.of(Role.AUTOMATION), agentData);
      AgentSettings defaults = AgentSettings.defaults(agentData);
      AgentSettings oneJobAtATime = new AgentSettings(1, defaults.pollWait(),
          defaults.heartbeatInterval(), defaults.retryInitial(), defaults.retryCap(),
          defaults.workRoot());
      AgentService agent = AgentService.start(agentData, Role.AUTOMATION, oneJobAtATime);
      try {
        out.println("Tenant on " + tenant.url() + "; one automation agent, one job at a time");
        measureAndReport(admin);
      } finally {
        agent.stop();
      }
    }
  }

  private void measureAndReport(AdminClient admin)
      throws IOException, TaskFailedException, InterruptedException {
    Instant startedAt = Instant.now();
    out.println("Warming up with " + options.warmUpTasks() + " tasks");
    runTasks(admin, options.warmUpTasks());
    out.println("Measuring " + options.tasks() + " tasks with a " + options.pause().toMillis()
        + " ms pause after each");
    long measureStart = System.nanoTime();
    List<TaskTiming> timings = runTasks(admin, options.tasks());
    Duration measureTime = Duration.ofNanos(System.nanoTime() - measureStart);
    printReport(startedAt, timings, measureTime);
  }

  private List<TaskTiming> runTasks(AdminClient admin, int count)
      throws IOException, TaskFailedException, InterruptedException {
    List<TaskTiming> timings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      timings.add(runTask(admin));
      Thread.sleep(options.pause().toMillis());
    }
    return timings;
  }

  /** Queues one task, waits for its result and returns its timings. */
  private static TaskTiming runTask(AdminClient admin)
      throws IOException, TaskFailedException, InterruptedException {
    long submitMonotonic = System.nanoTime();
    long submitEpochNanos = StartTimeTask.epochNanos(Instant.now());
    JobView queued = admin.submit(new SubmitTaskRequest(POOL, StartTimeTask.TASK, 1));
    JobView finished = awaitFinished(admin, queued.id());
    long roundTripNanos = System.nanoTime() - submitMonotonic;
    long dispatchNanos = StartTimeTask.scriptStartNanos(finished) - submitEpochNanos;
    if (dispatchNanos < 0) {
      throw new TaskFailedException("job " + finished.id() + " started "
          + LatencySummary.millis(-dispatchNanos) + " ms before it was queued, so the system"
          + " clock was stepped back during the run; run the benchmark again");
    }
    return new TaskTiming(dispatchNanos, roundTripNanos);
  }

  private static JobView awaitFinished(AdminClient admin, String jobId)
      throws IOException, TaskFailedException {
    long deadline = System.nanoTime() + TASK_WAIT.toNanos();
    while (true) {
      JobView job = admin.job(jobId, POLL_WAIT);
      if (job.finished()) {
        return job;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new TaskFailedException("job " + jobId + " is still " + job.state() + " "
            + TASK_WAIT.toSeconds() + " s after it was queued; check the warnings on standard"
            + " error");
      }
    }
  }

  private void printReport(Instant startedAt, List<TaskTiming> timings, Duration measureTime) {
    LatencySummary dispatch =
        LatencySummary.of(timings.stream().map(TaskTiming::dispatchNanos).toList());
    LatencySummary roundTrip =
        LatencySummary.of(timings.stream().map(TaskTiming::roundTripNanos).toList());
    out.println();
    out.println("Dispatch latency benchmark, started " + startedAt);
    out.println("Machine:");
    out.println(MachineDescription.current().format());
    out.println("Run:");
    out.println("  " + options.warmUpTasks() + " warm-up tasks, then " + timings.size()
        + " measured tasks one at a time, " + options.pause().toMillis()
        + " ms pause after each");
    out.println("  the measured tasks took "
        + String.format(Locale.ROOT, "%.1f s", measureTime.toMillis() / 1000.0));
    out.println("Dispatch latency, task queued to script started (ms):");
    out.println("  p50 " + LatencySummary.millis(dispatch.p50Nanos())
        + "  p90 " + LatencySummary.millis(dispatch.p90Nanos())
        + "  p99 " + LatencySummary.millis(dispatch.p99Nanos())
        + "  max " + LatencySummary.millis(dispatch.maxNanos())
        + "  (min " + LatencySummary.millis(dispatch.minNanos()) + ")");
    out.println("Round trip, task queued to result available (ms):");
    out.println("  p50 " + LatencySummary.millis(roundTrip.p50Nanos())
        + "  p99 " + LatencySummary.millis(roundTrip.p99Nanos())
        + "  (max " + LatencySummary.millis(roundTrip.maxNanos()) + ")");
  }
}

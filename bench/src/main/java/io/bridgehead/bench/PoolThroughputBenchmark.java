package io.bridgehead.bench;

import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
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
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the throughput of one agent pool and the resident memory of its agent processes.
 * It starts a reference tenant over HTTPS on a free loopback port in this JVM, makes one pool
 * and enrolls up to {@code --max-agents} automation agents in it, each with its own
 * enrollment key from {@link AdminClient}. Then, for a pool of 1 agent, then 2, up to the
 * maximum, it:
 *
 * <ol>
 *   <li>starts that many agents, each a separate JVM ({@link StandaloneAgent}) with
 *       {@code maxConcurrentJobs} 2, and waits 3 s for them to settle;
 *   <li>reads each agent process's idle {@code VmRSS};
 *   <li>submits warm-up tasks, then the measured tasks, from several threads as fast as the
 *       admin API takes them, and waits for each batch to finish, while it samples each
 *       agent's {@code VmRSS} every 100 ms;
 *   <li>stops the agents.
 * </ol>
 *
 * <p>The tasks are {@link StartTimeTask}: trivial sh scripts that write the time they started.
 * For each pool size it prints the jobs per second from the first measured submit to the last
 * finish the tenant recorded, the dispatch latency percentiles (submit to script start, which
 * under this load is mostly time spent in the queue), and each agent's idle and maximum
 * sampled {@code VmRSS}. Dispatch timestamps are epoch nanoseconds of this machine's
 * real-time clock, as in {@link DispatchLatencyBenchmark}. It runs on Linux only, because it
 * reads {@code /proc} and the task needs GNU {@code date}.
 *
 * <pre>{@code
 * java -cp "bench/target/bench-0.1.0.jar:bench/target/lib/*" \
 *     io.bridgehead.bench.PoolThroughputBenchmark --tasks 600
 * }</pre>
 */
public final class PoolThroughputBenchmark {
  private static final Logger log = LoggerFactory.getLogger(PoolThroughputBenchmark.class);
  private static final String POOL = "bench";
  /** Each agent's {@code maxConcurrentJobs}, the agent's default. */
  static final int JOBS_PER_AGENT = 2;
  /** The wait after the agents of a pool size report ready and before idle memory is read. */
  private static final Duration IDLE_SETTLE = Duration.ofSeconds(3);
  private static final Duration MEMORY_SAMPLE_INTERVAL = Duration.ofMillis(100);

  private static final int EXIT_OK = 0;
  private static final int EXIT_FAILED = 1;
  private static final int EXIT_INVALID_ARGUMENT = 2;

  private final PoolThroughputOptions options;
  private final PrintStream out;

  private PoolThroughputBenchmark(PoolThroughputOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Memory of one agent process, in KiB.
   *
   * @param idleKib {@code VmRSS} after start and settling, before any task
   * @param loadMaxKib the largest {@code VmRSS} sampled during the warm-up and measured tasks
   * @param peakKib {@code VmHWM} after the measured tasks: the largest {@code VmRSS} since the
   *     process started
   * @param jobs how many measured tasks the agent ran
   */
  private record AgentFigures(long idleKib, long loadMaxKib, long peakKib, long jobs) {}

  /**
   * Figures of one pool size.
   *
   * @param agents how many agents the pool had
   * @param submitNanos how long the admin API took to accept all measured tasks
   * @param elapsedNanos from the first measured submit to the last finish the tenant recorded
   * @param dispatch dispatch latency, submit to script start
   * @param agentFigures memory and job count per agent
   * @param maxHeapBytes the agents' maximum heap, as the first agent's JVM reports it
   */
  private record PoolFigures(int agents, int tasks, long submitNanos, long elapsedNanos,
      LatencySummary dispatch, List<AgentFigures> agentFigures, long maxHeapBytes) {
    double jobsPerSecond() {
      return tasks / (elapsedNanos / 1e9);
    }
  }

  public static void main(String[] argv) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(Arrays.asList(argv), out, err));
  }

  /** Runs the benchmark and returns its exit code without calling {@link System#exit}. */
  static int run(List<String> arguments, PrintStream out, PrintStream err) {
    PoolThroughputOptions options;
    try {
      options = PoolThroughputOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      err.println("pool throughput benchmark: " + e.getMessage() + "\n\n"
          + PoolThroughputOptions.USAGE);
      return EXIT_INVALID_ARGUMENT;
    }
    if (options.help()) {
      out.println(PoolThroughputOptions.USAGE);
      return EXIT_OK;
    }
    if (!System.getProperty("os.name").equals("Linux")) {
      err.println("pool throughput benchmark: it reads agent memory from /proc and times an sh"
          + " script with GNU date, so run it on Linux");
      return EXIT_FAILED;
    }
    try {
      new PoolThroughputBenchmark(options, out).runInTemporaryFolder();
      return EXIT_OK;
    } catch (IOException | TaskFailedException e) {
      err.println("pool throughput benchmark failed: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("pool throughput benchmark interrupted");
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
    Instant startedAt = Instant.now();
    String loadBefore = loadAverage();
    TenantSettings settings = TenantSettings.defaults(folder.resolve("tenant")).withPort(0);
    try (TenantServer tenant = TenantServer.start(settings)) {
      AdminClient admin =
          AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
      List<Path> agentFolders = enrollAgents(tenant, admin, folder);
      Map<String, Integer> agentNumbers = agentNumbers(agentFolders);
      out.println("Tenant on " + tenant.url() + "; " + agentFolders.size() + " agents"
          + " enrolled in pool " + POOL + ", each run as its own JVM with maxConcurrentJobs "
          + JOBS_PER_AGENT);
      List<PoolFigures> figures = new ArrayList<>();
      for (int agents = 1; agents <= options.maxAgents(); agents++) {
        figures.add(measurePool(admin, agentFolders.subList(0, agents), agentNumbers));
      }
      printReport(startedAt, loadBefore, figures);
    }
  }

  /** Enrolls {@code --max-agents} agents, each with a one-time key of its own. */
  private List<Path> enrollAgents(TenantServer tenant, AdminClient admin, Path folder)
      throws IOException {
    TenantConnection connection =
        new TenantConnection(tenant.url(), tenant.fingerprint(), null);
    List<Path> agentFolders = new ArrayList<>();
    for (int number = 1; number <= options.maxAgents(); number++) {
      String key = number == 1 ? admin.createPool(POOL).enrollmentKey()
          : admin.createEnrollmentKey(POOL).enrollmentKey();
      Path agentFolder = folder.resolve("agent-" + number);
      Enrollment.enroll(connection, key, List.of(Role.AUTOMATION), agentFolder);
      agentFolders.add(agentFolder);
    }
    return agentFolders;
  }

  /** Maps each enrolled agent's id to its number, counting from 1. */
  private static Map<String, Integer> agentNumbers(List<Path> agentFolders) throws IOException {
    Map<String, Integer> numbers = new TreeMap<>();
    for (int i = 0; i < agentFolders.size(); i++) {
      numbers.put(AgentConfig.read(agentFolders.get(i)).agentId(),
          i + 1);
    }
    return numbers;
  }

  private PoolFigures measurePool(AdminClient admin, List<Path> agentFolders,
      Map<String, Integer> agentNumbers)
      throws IOException, TaskFailedException, InterruptedException {
    int size = agentFolders.size();
    out.println();
    out.println("Pool of " + size + (size == 1 ? " agent" : " agents") + ": starting the"
        + " agent processes");
    List<AgentProcess> agents = startAgents(agentFolders);
    try {
      Thread.sleep(IDLE_SETTLE.toMillis());
      List<Long> pids = agents.stream().map(AgentProcess::pid).toList();
      long[] idleKib = new long[size];
      for (int i = 0; i < size; i++) {
        idleKib[i] = requireKib(ResidentMemory.residentKib(pids.get(i)), agents.get(i));
      }
      long[] loadMaxKib;
      TaskBurst.Submission measured;
      List<JobView> finished;
      try (MemorySampler sampler = new MemorySampler(pids, MEMORY_SAMPLE_INTERVAL)) {
        if (options.warmUpTasks() > 0) {
          out.println("  warming up with " + options.warmUpTasks() + " tasks");
          TaskBurst.Submission warmUp =
              TaskBurst.submit(admin, POOL, options.warmUpTasks(), options.submitters());
          checkSucceeded(TaskBurst.awaitFinished(admin, warmUp.submitted()));
        }
        out.println("  measuring " + options.tasks() + " tasks from " + options.submitters()
            + " submitter threads");
        measured = TaskBurst.submit(admin, POOL, options.tasks(), options.submitters());
        finished = TaskBurst.awaitFinished(admin, measured.submitted());
        loadMaxKib = sampler.stopAndGetMaxKib();
      }
      checkAlive(agents);
      List<AgentFigures> agentFigures = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        int number = i + 1;
        long jobs = finished.stream()
            .filter(job -> agentNumbers.getOrDefault(job.agentId(), 0) == number)
            .count();
        long peakKib = requireKib(ResidentMemory.peakResidentKib(pids.get(i)), agents.get(i));
        agentFigures.add(new AgentFigures(idleKib[i], loadMaxKib[i], peakKib, jobs));
      }
      PoolFigures figures = poolFigures(size, measured, finished, agentFigures,
          agents.get(0).maxHeapBytes());
      printPool(figures);
      return figures;
    } finally {
      stopAgents(agents);
    }
  }

  /** Starts the agent processes in parallel and waits until each serves jobs. */
  private List<AgentProcess> startAgents(List<Path> agentFolders)
      throws IOException, InterruptedException {
    ExecutorService starters = Executors.newFixedThreadPool(agentFolders.size());
    List<Future<AgentProcess>> starts = new ArrayList<>();
    for (Path agentFolder : agentFolders) {
      starts.add(starters.submit(() ->
          AgentProcess.start(agentFolder, JOBS_PER_AGENT, options.agentJvmOptions())));
    }
    starters.shutdown();
    List<AgentProcess> agents = new ArrayList<>();
    IOException failure = null;
    for (Future<AgentProcess> start : starts) {
      try {
        agents.add(start.get());
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof IOException io ? io
            : new IOException("starting an agent process failed: " + e.getCause(),
                e.getCause());
      }
    }
    if (failure != null) {
      stopAgents(agents);
      throw failure;
    }
    return agents;
  }

  /** Stops the agents together: requests a stop from each first, then waits for each. */
  private void stopAgents(List<AgentProcess> agents) throws InterruptedException {
    agents.forEach(AgentProcess::requestStop);
    for (AgentProcess agent : agents) {
      int exitCode = agent.awaitExit();
      if (exitCode != 0) {
        log.warn("Agent process {} exited with {} (-1: killed after it did not stop in time)",
            agent.pid(), exitCode);
      }
    }
  }

  private static void checkAlive(List<AgentProcess> agents) throws IOException {
    for (AgentProcess agent : agents) {
      if (!agent.isAlive()) {
        throw new IOException("agent process " + agent.pid() + " exited during the run; see"
            + " its standard error above");
      }
    }
  }

  private static long requireKib(OptionalLong kib, AgentProcess agent) throws IOException {
    if (kib.isEmpty()) {
      throw new IOException("cannot read the memory of agent process " + agent.pid()
          + " from /proc/" + agent.pid() + "/status; it may have exited");
    }
    return kib.getAsLong();
  }

  private static void checkSucceeded(List<JobView> jobs) throws TaskFailedException {
    for (JobView job : jobs) {
      StartTimeTask.scriptStartNanos(job);
    }
  }

  private static PoolFigures poolFigures(int agents, TaskBurst.Submission measured,
      List<JobView> finished, List<AgentFigures> agentFigures, long maxHeapBytes)
      throws TaskFailedException {
    List<TaskBurst.Submitted> submitted = measured.submitted();
    List<Long> dispatchNanos = new ArrayList<>(finished.size());
    long lastFinishNanos = Long.MIN_VALUE;
    for (int i = 0; i < finished.size(); i++) {
      JobView job = finished.get(i);
      long dispatch =
          StartTimeTask.scriptStartNanos(job) - submitted.get(i).submitEpochNanos();
      if (dispatch < 0) {
        throw new TaskFailedException("job " + job.id() + " started "
            + LatencySummary.millis(-dispatch) + " ms before it was queued, so the system"
            + " clock was stepped back during the run; run the benchmark again");
      }
      dispatchNanos.add(dispatch);
      lastFinishNanos =
          Math.max(lastFinishNanos, StartTimeTask.epochNanos(job.finishedAt()));
    }
    long elapsedNanos = lastFinishNanos - submitted.get(0).submitEpochNanos();
    return new PoolFigures(agents, finished.size(), measured.submitNanos(), elapsedNanos,
        LatencySummary.of(dispatchNanos), List.copyOf(agentFigures), maxHeapBytes);
  }

  private void printPool(PoolFigures figures) {
    out.println("  the admin API took the " + figures.tasks() + " tasks in "
        + seconds(figures.submitNanos()) + " s; first submit to last finish "
        + seconds(figures.elapsedNanos()) + " s: "
        + String.format(Locale.ROOT, "%.1f", figures.jobsPerSecond()) + " jobs/s");
    LatencySummary dispatch = figures.dispatch();
    out.println("  dispatch latency (ms): p50 " + LatencySummary.millis(dispatch.p50Nanos())
        + "  p90 " + LatencySummary.millis(dispatch.p90Nanos())
        + "  p99 " + LatencySummary.millis(dispatch.p99Nanos())
        + "  max " + LatencySummary.millis(dispatch.maxNanos())
        + "  (min " + LatencySummary.millis(dispatch.minNanos()) + ")");
    for (int i = 0; i < figures.agentFigures().size(); i++) {
      AgentFigures agent = figures.agentFigures().get(i);
      out.println("  agent " + (i + 1) + ": " + agent.jobs() + " jobs; VmRSS (MiB) idle "
          + ResidentMemory.mib(agent.idleKib()) + ", max under load "
          + ResidentMemory.mib(agent.loadMaxKib()) + "; VmHWM "
          + ResidentMemory.mib(agent.peakKib()));
    }
  }

  private void printReport(Instant startedAt, String loadBefore, List<PoolFigures> figures) {
    out.println();
    out.println("Pool throughput benchmark, started " + startedAt);
    out.println("Machine:");
    out.println(MachineDescription.current().format());
    out.println("  load average:       " + loadBefore + " before the run, " + loadAverage()
        + " after it (1, 5 and 15 minutes)");

    out.println("Run:");
    out.println("  tenant and submitters in this JVM; each agent its own JVM with"
        + " maxConcurrentJobs " + JOBS_PER_AGENT + ", JVM options "
        + (options.agentJvmOptions().isEmpty() ? "none"
            : String.join(" ", options.agentJvmOptions()))
        + ", max heap " + ResidentMemory.mib(figures.get(0).maxHeapBytes() / 1024) + " MiB");
    out.println("  per pool size: " + options.warmUpTasks() + " warm-up tasks, then "
        + options.tasks() + " measured tasks from " + options.submitters()
        + " submitter threads");
    out.println("  idle VmRSS read " + IDLE_SETTLE.toSeconds() + " s after the agents were"
        + " ready; load VmRSS sampled every " + MEMORY_SAMPLE_INTERVAL.toMillis() + " ms"
        + " from the first warm-up submit to the last finish");
    printTable(figures, out);
  }

  /** Prints one Markdown table row per pool size. */
  private static void printTable(List<PoolFigures> figures, PrintStream out) {
    out.println("Results (jobs/s from first submit to last finish; dispatch latency in ms;"
        + " VmRSS in MiB, the mean over the pool's agents and their maximum):");
    out.println("| agents | jobs/s | dispatch p50 | p99 | submit s | idle VmRSS mean | max"
        + " | load VmRSS mean | max |");
    for (PoolFigures pool : figures) {
      out.println("| " + pool.agents()
          + " | " + String.format(Locale.ROOT, "%.1f", pool.jobsPerSecond())
          + " | " + LatencySummary.millis(pool.dispatch().p50Nanos())
          + " | " + LatencySummary.millis(pool.dispatch().p99Nanos())
          + " | " + seconds(pool.submitNanos())
          + " | " + meanMib(pool, AgentFigures::idleKib)
          + " | " + maxMib(pool, AgentFigures::idleKib)
          + " | " + meanMib(pool, AgentFigures::loadMaxKib)
          + " | " + maxMib(pool, AgentFigures::loadMaxKib) + " |");
    }
  }

  private static String meanMib(PoolFigures pool,
      ToLongFunction<AgentFigures> field) {
    return ResidentMemory.mib(Math.round(
        pool.agentFigures().stream().mapToLong(field).average().orElse(0)));
  }

  private static String maxMib(PoolFigures pool,
      ToLongFunction<AgentFigures> field) {
    return ResidentMemory.mib(pool.agentFigures().stream().mapToLong(field).max().orElse(0));
  }

  /**
   * Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, which count the
   * work of every process on the machine, or "unknown".
   */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8)
          .trim().split(" ");
      return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }
}

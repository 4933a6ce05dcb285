package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.AgentService;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.LogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed with SIGKILL in the middle of a job: its lease lapses and another
 * agent of the pool runs the job again.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts and the agent"
    + " process is killed with SIGKILL")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KilledAgentTest {
  private static final String POOL = "killed";
  /** The maximum lifetime of the agent process, after which it exits by itself. */
  private static final int PROCESS_LIFETIME_SECONDS = 110;
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(30);
  /**
   * Long enough for the 6 s lease to lapse, the tenant's 1 s sweep to requeue the job and the
   * second agent to run it.
   */
  private static final Duration RETRY_WAIT = Duration.ofSeconds(40);
  /**
   * Each run appends its process id to the runs file. The first run then sleeps, long past the
   * test, so only a kill ends it. A later run ends at once.
   */
  private static final String SCRIPT = String.join("\n",
      "earlier=$(cat \"$RUNS\" 2>/dev/null | wc -l)",
      "echo \"$$\" >> \"$RUNS\"",
      "run=$((earlier + 1))",
      "if [ \"$run\" -eq 1 ]; then echo \"run 1 sleeping\"; sleep 300; fi",
      "echo \"run $run done\"");

  @TempDir
  Path temp;

  private FaultTenant tenant;
  private FaultAgents agents;
  private Process agentProcess;
  private Path runs;

  @BeforeEach
  void startTenant() throws Exception {
    tenant = FaultTenant.start(temp.resolve("tenant"));
    agents = new FaultAgents();
    runs = temp.resolve("runs");
  }

  @AfterEach
  void stopAll() throws Exception {
    if (agentProcess != null && agentProcess.isAlive()) {
      agentProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    agents.close();
    tenant.close();
    // A failed test may leave the first run's script behind, so end it and its sleep.
    for (String line : FaultSupport.readLines(runs)) {
      ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(process -> {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      });
    }
  }

  @Test
  void killedAgentsJobRunsOnAnotherAgent() throws Exception {
    String key = tenant.createPool(POOL, 2);
    Path killedFolder = FaultAgents.enroll(tenant.connection(), key, temp.resolve("killed"));
    Path survivorFolder =
        FaultAgents.enroll(tenant.connection(), key, temp.resolve("survivor"));
    String killedId = FaultAgents.agentId(killedFolder);
    String survivorId = FaultAgents.agentId(survivorFolder);
    agentProcess = startAgentProcess(killedFolder, temp.resolve("killed-agent.log"));

    String jobId = tenant.admin().submit(new SubmitTaskRequest(POOL,
        FaultSupport.shTask(SCRIPT, Map.of("RUNS", runs.toString()), 600), null)).id();
    // The agent ships log lines every 500 ms, so once the tenant has the first one, the agent
    // has long recorded which process runs the script.
    FaultSupport.awaitTrue("the tenant stores the first run's log line", CONDITION_WAIT,
        () -> !tenant.admin().logs(jobId).isEmpty());
    JobView running = tenant.admin().job(jobId, Duration.ZERO);
    long firstRun = Long.parseLong(FaultSupport.readLines(runs).get(0).trim());

    agentProcess.destroyForcibly();
    boolean killed = agentProcess.waitFor(10, TimeUnit.SECONDS);
    // The second agent joins only now, so the first attempt could go nowhere but the process.
    agents.start(survivorFolder, 1);
    JobView job = tenant.admin().job(jobId, RETRY_WAIT);
    List<String> runIds = FaultSupport.readLines(runs);
    boolean firstRunAfterRetry = FaultSupport.isRunning(firstRun);

    assertThat(running.state()).isEqualTo("running");
    assertThat(running.agentId()).isEqualTo(killedId);
    assertThat(running.attempt()).isEqualTo(1);
    assertThat(killed).as("the agent process ended after SIGKILL").isTrue();
    assertThat(job.state()).as("job %s after the retry: %s", jobId, job).isEqualTo("succeeded");
    assertThat(job.attempt()).isEqualTo(2);
    assertThat(job.agentId()).isEqualTo(survivorId);
    assertThat(job.output()).isEqualTo("run 2 done\n");
    assertThat(runIds).hasSize(2);
    // What the product does today: nothing ends the killed agent's script, which runs on
    // beside the retry until an agent starts again in the killed agent's data folder.
    assertThat(firstRunAfterRetry).as("the first run, process %s, still runs", firstRun)
        .isTrue();

    AgentService restarted = agents.start(killedFolder, 1);
    agents.stop(restarted);
    FaultSupport.awaitTrue("the restarted agent kills the first run, process " + firstRun,
        CONDITION_WAIT, () -> !FaultSupport.isRunning(firstRun));
  }

  @Test
  void retriedJobKeepsLogOfLastAttempt() throws Exception {
    String key = tenant.createPool(POOL, 2);
    Path killedFolder = FaultAgents.enroll(tenant.connection(), key, temp.resolve("killed"));
    Path survivorFolder =
        FaultAgents.enroll(tenant.connection(), key, temp.resolve("survivor"));
    agentProcess = startAgentProcess(killedFolder, temp.resolve("killed-agent.log"));
    String jobId = tenant.admin().submit(new SubmitTaskRequest(POOL,
        FaultSupport.shTask(SCRIPT, Map.of("RUNS", runs.toString()), 600), null)).id();
    FaultSupport.awaitTrue("the tenant stores the first run's log line", CONDITION_WAIT,
        () -> !tenant.admin().logs(jobId).isEmpty());

    agentProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    agents.start(survivorFolder, 1);
    JobView job = tenant.admin().job(jobId, RETRY_WAIT);
    List<LogLine> logs = tenant.admin().logs(jobId);

    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("run 2 done\n");
    assertThat(logs).extracting(LogLine::text).contains("run 2 done");
  }

  /**
   * Starts {@link AgentProcessMain} in a JVM of its own on an enrolled data folder, with this
   * JVM's class path, and waits until its agent runs.
   */
  private static Process startAgentProcess(Path folder, Path log) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), AgentProcessMain.class.getName(),
        folder.toString(), Integer.toString(PROCESS_LIFETIME_SECONDS))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    FaultSupport.awaitTrue("the agent process prints '" + AgentProcessMain.STARTED + "' in "
        + log, CONDITION_WAIT, () -> {
          if (!process.isAlive()) {
            throw new IOException("the agent process exited with code " + process.exitValue()
                + ": " + Files.readString(log, StandardCharsets.UTF_8));
          }
          return Files.readString(log, StandardCharsets.UTF_8)
              .contains(AgentProcessMain.STARTED);
        });
    return process;
  }
}

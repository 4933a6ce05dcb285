package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many short jobs in one pool of two, then three agents: each job runs once, ends with one
 * result, and the pool spreads the work over all its agents.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PoolLoadTest {
  private static final String POOL = "load";
  private static final int JOBS_PER_ROUND = 500;
  private static final int JOBS_PER_AGENT = 2;
  /** The smallest share of a round's jobs each agent must run; an even split gives 1/n. */
  private static final double MIN_SHARE = 0.15;
  private static final Duration ROUND_WAIT = Duration.ofSeconds(60);
  /** How long the agents get to empty their outboxes once the tenant lists every job done. */
  private static final Duration OUTBOX_WAIT = Duration.ofSeconds(10);
  /** Appends the job's marker to the shared file, so every run of the job leaves one line. */
  private static final String SCRIPT = "echo \"$MARKER\" >> \"$RUNS\"";

  @TempDir
  Path temp;

  private FaultTenant tenant;
  private FaultAgents agents;

  @BeforeEach
  void startTenant() throws Exception {
    tenant = FaultTenant.start(temp.resolve("tenant"));
    agents = new FaultAgents();
  }

  @AfterEach
  void stopAll() {
    agents.close();
    tenant.close();
  }

  @Test
  void twoThenThreeAgentsRunEachJobOnce() throws Exception {
    String key = tenant.createPool(POOL, 3);
    List<Path> agentFolders = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      agentFolders.add(enrollAndStart(key, "agent-" + i));
    }

    runRound("two-agents", List.copyOf(agentFolders));

    agentFolders.add(enrollAndStart(key, "agent-3"));
    runRound("three-agents", List.copyOf(agentFolders));
  }

  private Path enrollAndStart(String key, String name) throws Exception {
    Path folder = FaultAgents.enroll(tenant.connection(), key, temp.resolve(name));
    agents.start(folder, JOBS_PER_AGENT);
    return folder;
  }

  /** Queues {@link #JOBS_PER_ROUND} jobs, waits for them all, and checks runs and spread. */
  private void runRound(String round, List<Path> agentFolders) throws Exception {
    List<String> agentIds = new ArrayList<>();
    for (Path folder : agentFolders) {
      agentIds.add(FaultAgents.agentId(folder));
    }
    Path runs = temp.resolve(round + ".runs");
    List<String> jobIds = new ArrayList<>();
    Map<String, String> markerByJob = new HashMap<>();
    for (int i = 0; i < JOBS_PER_ROUND; i++) {
      String marker = round + "-" + i;
      JobView job = tenant.admin().submit(new SubmitTaskRequest(POOL,
          FaultSupport.shTask(SCRIPT, Map.of("MARKER", marker, "RUNS", runs.toString()), 60),
          null));
      jobIds.add(job.id());
      markerByJob.put(job.id(), marker);
    }

    Map<String, JobView> jobs =
        FaultSupport.awaitAllFinished(tenant.admin(), jobIds, ROUND_WAIT);
    for (Path folder : agentFolders) {
      FaultSupport.waitFor(OUTBOX_WAIT, () -> FaultSupport.outboxFiles(folder).isEmpty());
    }
    Map<String, Long> listed = FaultSupport.countListed(tenant.admin(), jobIds);
    Map<String, Long> runsByMarker = FaultSupport.countLines(runs);
    Map<String, Long> jobsByAgent = jobs.values().stream()
        .collect(Collectors.groupingBy(JobView::agentId, Collectors.counting()));

    assertThat(jobs).as("jobs of round %s listed by the tenant", round)
        .hasSize(JOBS_PER_ROUND);
    assertThat(listed.values()).as("times the tenant lists each job of round %s", round)
        .containsOnly(1L);
    for (JobView job : jobs.values()) {
      assertThat(job.state()).as("state of job %s", job.id()).isEqualTo("succeeded");
      assertThat(job.attempt()).as("attempt of job %s", job.id()).isEqualTo(1);
      assertThat(job.exitCode()).as("exit code of job %s", job.id()).isEqualTo(0);
    }
    assertThat(runsByMarker.keySet()).as("markers written in round %s", round)
        .containsExactlyInAnyOrderElementsOf(markerByJob.values());
    assertThat(runsByMarker.values()).as("runs of each job in round %s", round)
        .containsOnly(1L);
    for (Path folder : agentFolders) {
      assertThat(FaultSupport.outboxFiles(folder))
          .as("items left in the outbox of %s after round %s", folder, round).isEmpty();
    }
    assertThat(jobsByAgent.keySet()).as("agents that ran jobs in round %s", round)
        .containsExactlyInAnyOrderElementsOf(agentIds);
    long minJobs = (long) Math.ceil(JOBS_PER_ROUND * MIN_SHARE);
    for (String agentId : agentIds) {
      assertThat(jobsByAgent.get(agentId))
          .as("jobs agent %s ran in round %s, of %s: %s", agentId, round, JOBS_PER_ROUND,
              jobsByAgent)
          .isGreaterThanOrEqualTo(minJobs);
    }
    System.out.printf("Round %s: jobs per agent %s%n", round, new TreeMap<>(jobsByAgent));
  }
}

package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.AgentService;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.jobs.DispatchSettings;
import io.bridgehead.wire.LogLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The network between agent and tenant cut for a few seconds while a job runs and renews its
 * lease: the agent recovers by itself, and the job's result and log lines arrive once.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NetworkCutTest {
  private static final String POOL = "cut";
  /**
   * A 12 s lease, shortened from the default 30 s. The agent renews every 4 s and keeps
   * running without a renewal for 10 s (the lease less a 2 s margin), so a cut of
   * {@link #CUT} seconds stays well inside it wherever it falls between renewals.
   */
  private static final DispatchSettings DISPATCH = FaultTenant.withLease(Duration.ofSeconds(12));
  private static final Duration CUT = Duration.ofSeconds(4);
  private static final int TICKS = 12;
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(30);
  private static final Duration JOB_WAIT = Duration.ofSeconds(40);
  /** Prints one tick a second, so log lines wait in the outbox during the cut. */
  private static final String SCRIPT = String.join("\n",
      "i=1",
      "while [ \"$i\" -le \"$TICKS\" ]; do echo \"tick $i\"; sleep 1; i=$((i + 1)); done",
      "echo \"$MARKER\" >> \"$RUNS\"",
      "echo done");

  @TempDir
  Path temp;

  private FaultTenant tenant;
  private LoopbackProxy proxy;
  private FaultAgents agents;

  @BeforeEach
  void startTenantAndProxy() throws Exception {
    tenant = FaultTenant.start(temp.resolve("tenant"), DISPATCH);
    proxy = LoopbackProxy.start(tenant.port());
    agents = new FaultAgents();
  }

  @AfterEach
  void stopAll() {
    agents.close();
    proxy.close();
    tenant.close();
  }

  @Test
  void agentRecoversFromNetworkCut() throws Exception {
    String key = tenant.createPool(POOL, 1);
    Path folder = FaultAgents.enroll(tenant.connectionThrough(proxy), key,
        temp.resolve("agent"));
    AgentService agent = agents.start(folder, 1);
    Path runs = temp.resolve("runs");
    Map<String, String> variables = Map.of("TICKS", Integer.toString(TICKS), "MARKER",
        "cut-job", "RUNS", runs.toString());
    List<String> messages;
    JobView job;
    JobView next;
    int socketsReset;
    try (LogRecorder recorder = LogRecorder.start("io.bridgehead.agent")) {
      String jobId = tenant.admin().submit(new SubmitTaskRequest(POOL,
          FaultSupport.shTask(SCRIPT, variables, 60), null)).id();
      // By tick 5 the agent has renewed the lease once, 4 s after it accepted the job.
      FaultSupport.awaitTrue("the tenant stores the job's fifth tick", CONDITION_WAIT,
          () -> tenant.admin().logs(jobId).stream().anyMatch(l -> l.text().equals("tick 5")));

      proxy.cut();
      Thread.sleep(CUT.toMillis());
      socketsReset = proxy.socketsReset();
      proxy.restore();
      job = tenant.admin().job(jobId, JOB_WAIT);
      FaultSupport.awaitTrue("the agent finds the tenant reachable", CONDITION_WAIT,
          () -> agent.loop().link().isReachable());
      next = tenant.admin().job(tenant.admin().submit(new SubmitTaskRequest(POOL,
          FaultSupport.shTask("echo after the cut", Map.of(), 60), null)).id(), JOB_WAIT);
      messages = recorder.messages();
    }
    List<String> expectedLines = new ArrayList<>();
    for (int i = 1; i <= TICKS; i++) {
      expectedLines.add("tick " + i);
    }
    expectedLines.add("done");
    List<LogLine> logs = tenant.admin().logs(job.id());

    assertThat(socketsReset).as("sockets the cut reset").isGreaterThan(0);
    assertThat(messages).as("agent warnings and errors")
        .anyMatch(message -> message.contains("unreachable"));
    assertThat(job.state()).as("job after the cut: %s", job).isEqualTo("succeeded");
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.output()).endsWith("tick " + TICKS + "\ndone\n");
    assertThat(FaultSupport.readLines(runs)).containsExactly("cut-job");
    assertThat(logs).extracting(LogLine::text).containsExactlyElementsOf(expectedLines);
    assertThat(next.state()).isEqualTo("succeeded");
    assertThat(next.output()).isEqualTo("after the cut\n");
  }
}

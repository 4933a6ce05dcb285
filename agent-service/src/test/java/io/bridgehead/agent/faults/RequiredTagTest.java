package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.AgentService;
import io.bridgehead.tenant.admin.EventView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
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

/** A job that requires a tag no agent of its pool has: it fails once its queue wait ends. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequiredTagTest {
  private static final String POOL = "tagged";
  private static final String AGENT_TAG = "linux";
  private static final String MISSING_TAG = "gpu";
  /** The queue time-out of the job no agent can take, shortened from the default 1 hour. */
  private static final long QUEUE_TIMEOUT_SECONDS = 3;
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(20);
  private static final Duration JOB_WAIT = Duration.ofSeconds(30);

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
  void missingTagFailsAfterQueueTimeout() throws Exception {
    String key = tenant.createPool(POOL, 1);
    Path folder = FaultAgents.enroll(tenant.connection(), key, List.of(AGENT_TAG),
        temp.resolve("agent"));
    AgentService agent = agents.start(folder, 1);
    FaultSupport.awaitTrue("the agent has reached the tenant", CONDITION_WAIT,
        () -> agent.loop().link().lastContact() != null);

    JobView submitted = tenant.admin().submit(new SubmitTaskRequest(POOL,
        FaultSupport.shTask("echo never run", Map.of(), 60), null, List.of(MISSING_TAG),
        QUEUE_TIMEOUT_SECONDS));
    JobView tagged = tenant.admin().job(tenant.admin().submit(new SubmitTaskRequest(POOL,
        FaultSupport.shTask("echo tagged", Map.of(), 60), null, List.of(AGENT_TAG),
        QUEUE_TIMEOUT_SECONDS)).id(), JOB_WAIT);
    JobView job = tenant.admin().job(submitted.id(), JOB_WAIT);
    List<EventView> events = tenant.admin().events(20);

    assertThat(submitted.requiredTags()).containsExactly(MISSING_TAG);
    assertThat(tagged.state()).as("a job requiring the agent's own tag").isEqualTo("succeeded");
    assertThat(job.state()).as("job requiring tag %s: %s", MISSING_TAG, job)
        .isEqualTo("failed");
    assertThat(job.attempt()).isZero();
    assertThat(job.agentId()).isNull();
    assertThat(job.message()).contains("has tags [" + MISSING_TAG + "]");
    assertThat(Duration.between(job.createdAt(), job.finishedAt()))
        .as("time from submission to failure")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(QUEUE_TIMEOUT_SECONDS));
    assertThat(events).as("operator events")
        .anyMatch(event -> event.kind().equals("job_no_agent")
            && submitted.id().equals(event.jobId())
            && event.message().contains(MISSING_TAG));
  }
}

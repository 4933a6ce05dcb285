package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.AgentService;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
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
 * The agent's outbox folder refusing writes: the agent takes no job whose result it could not
 * keep, says why, and takes jobs again once the folder can be written.
 *
 * <p>The folder is replaced by a regular file of the same name, so every write in it fails
 * with a real {@link java.io.IOException}, even for root, which file modes would not stop.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutboxFailureTest {
  private static final String POOL = "outbox";
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(20);
  private static final Duration JOB_WAIT = Duration.ofSeconds(30);
  /**
   * How long a job must stay queued to show that the agent takes none: longer than the 5 s
   * after which a blocked agent tries its outbox again, so at least one failed try falls in it.
   */
  private static final Duration NO_JOB_WAIT = Duration.ofSeconds(7);

  @TempDir
  Path temp;

  private FaultTenant tenant;
  private FaultAgents agents;
  private Path folder;
  private AgentService agent;

  @BeforeEach
  void startTenantAndEnroll() throws Exception {
    tenant = FaultTenant.start(temp.resolve("tenant"));
    agents = new FaultAgents();
    String key = tenant.createPool(POOL, 1);
    folder = FaultAgents.enroll(tenant.connection(), key, temp.resolve("agent"));
  }

  @AfterEach
  void stopAll() {
    agents.close();
    tenant.close();
  }

  @Test
  void unwritableOutboxStopsTakingJobs() throws Exception {
    // The agent checks its outbox before each long poll and again when a poll brings a job; a
    // poll wait shortened from 25 s to 2 s keeps the test short.
    agent = agents.start(folder,
        FaultAgents.settings(folder, 1).withPollWait(Duration.ofSeconds(2)));
    Path outbox = folder.resolve("outbox");
    List<String> messages;
    JobView first;
    JobView waiting;
    JobView second;
    try (LogRecorder recorder = LogRecorder.start("io.bridgehead.agent")) {
      breakFolder(outbox);
      // The agent learns of the failure only when it writes the job's log lines or result.
      first = awaitFinished(submit("echo first"));
      FaultSupport.awaitTrue("the agent reports that it takes no jobs", CONDITION_WAIT,
          () -> lastError().startsWith("taking no jobs"));

      String secondId = submit("echo second");
      Thread.sleep(NO_JOB_WAIT.toMillis());
      waiting = tenant.admin().job(secondId, Duration.ZERO);
      restoreFolder(outbox);
      second = awaitFinished(secondId);
      messages = recorder.messages();
    }

    assertThat(first.state()).isEqualTo("succeeded");
    assertThat(first.output()).isEqualTo("first\n");
    assertThat(lastError()).startsWith("taking no jobs: cannot write the outbox in " + outbox);
    assertThat(messages).as("agent warnings and errors")
        .anyMatch(message -> message.startsWith("ERROR Taking no jobs: cannot write the outbox"));
    assertThat(waiting.state()).as("the second job while the outbox cannot be written")
        .isEqualTo("queued");
    assertThat(second.state()).isEqualTo("succeeded");
    assertThat(second.output()).isEqualTo("second\n");
    assertThat(second.attempt()).isEqualTo(1);
  }

  @Test
  void unwritableOutboxStopsQueuedJobs() throws Exception {
    agent = agents.start(folder, 1);
    Path outbox = folder.resolve("outbox");
    breakFolder(outbox);
    // The second job waits in the queue before the agent has written anything, so the agent
    // takes the first without knowing. Once that job's first write failed, the agent must not
    // start the second: it may have been offered to the agent, which then leaves the offer to
    // lapse back into the queue.
    String firstId = submit("sleep 1\necho first");
    String secondId = submit("echo second");

    JobView first = awaitFinished(firstId);
    FaultSupport.awaitTrue("the agent reports that it takes no jobs", CONDITION_WAIT,
        () -> lastError().startsWith("taking no jobs"));
    Thread.sleep(NO_JOB_WAIT.toMillis());
    JobView waiting = tenant.admin().job(secondId, Duration.ZERO);
    restoreFolder(outbox);
    JobView second = awaitFinished(secondId);

    assertThat(first.state()).isEqualTo("succeeded");
    assertThat(waiting.state()).as("the second job while the outbox cannot be written: %s",
        waiting).isIn("queued", "offered");
    assertThat(waiting.attempt()).as("attempts of the second job while the outbox cannot be"
        + " written").isZero();
    assertThat(second.state()).isEqualTo("succeeded");
  }

  private String submit(String script) throws Exception {
    return tenant.admin().submit(new SubmitTaskRequest(POOL,
        FaultSupport.shTask(script, Map.of(), 60), null)).id();
  }

  private JobView awaitFinished(String jobId) throws Exception {
    JobView job = tenant.admin().job(jobId, JOB_WAIT);
    assertThat(job.finished()).as("job %s finished within %s: %s", jobId, JOB_WAIT, job)
        .isTrue();
    return job;
  }

  /** Returns the agent status's last error message, or an empty text when it has none. */
  private String lastError() {
    return agent.status().toJson().path("lastError").path("message").asText("");
  }

  /** Replaces the idle outbox folder, which contains no items, by a regular file. */
  private static void breakFolder(Path outbox) throws Exception {
    try (var entries = Files.list(outbox)) {
      assertThat(entries.count()).as("items in the outbox before the test breaks it").isZero();
    }
    Files.delete(outbox);
    Files.writeString(outbox, "not a folder");
  }

  private static void restoreFolder(Path outbox) throws Exception {
    Files.delete(outbox);
    Files.createDirectory(outbox);
  }
}

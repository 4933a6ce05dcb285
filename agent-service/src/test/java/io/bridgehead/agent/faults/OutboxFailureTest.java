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
    // The agent tries a write in its outbox before it accepts each offered job; a poll wait
    // shortened from 25 s to 2 s keeps the test short.
    agent = agents.start(folder,
        FaultAgents.settings(folder, 1).withPollWait(Duration.ofSeconds(2)));
    Path outbox = folder.resolve("outbox");
    List<String> messages;
    JobView waiting;
    JobView first;
    try (LogRecorder recorder = LogRecorder.start("io.bridgehead.agent")) {
      breakFolder(outbox);
      String firstId = submit("echo first");
      FaultSupport.awaitTrue("the agent reports that it takes no jobs", CONDITION_WAIT,
          () -> lastError().startsWith("taking no jobs"));
      Thread.sleep(NO_JOB_WAIT.toMillis());
      waiting = tenant.admin().job(firstId, Duration.ZERO);
      restoreFolder(outbox);
      first = awaitFinished(firstId);
      messages = recorder.messages();
    }

    assertThat(lastError()).startsWith("taking no jobs: cannot write the outbox in " + outbox);
    assertThat(messages).as("agent warnings and errors")
        .anyMatch(message -> message.startsWith("ERROR Taking no jobs: cannot write the outbox"));
    assertThat(waiting.state()).as("the job while the outbox cannot be written: %s", waiting)
        .isIn("queued", "offered");
    assertThat(waiting.attempt()).as("attempts while the outbox cannot be written").isZero();
    assertThat(first.state()).isEqualTo("succeeded");
    assertThat(first.output()).isEqualTo("first\n");
    assertThat(first.attempt()).isEqualTo(1);
  }

  @Test
  void unwritableOutboxStopsQueuedJobs() throws Exception {
    agent = agents.start(folder, 1);
    Path outbox = folder.resolve("outbox");
    breakFolder(outbox);
    // Both jobs wait in the queue while the outbox cannot be written; the agent may be offered
    // one, but it leaves the offer to lapse back into the queue rather than start it.
    String firstId = submit("sleep 1\necho first");
    String secondId = submit("echo second");

    FaultSupport.awaitTrue("the agent reports that it takes no jobs", CONDITION_WAIT,
        () -> lastError().startsWith("taking no jobs"));
    Thread.sleep(NO_JOB_WAIT.toMillis());
    JobView firstWaiting = tenant.admin().job(firstId, Duration.ZERO);
    JobView secondWaiting = tenant.admin().job(secondId, Duration.ZERO);
    restoreFolder(outbox);
    JobView first = awaitFinished(firstId);
    JobView second = awaitFinished(secondId);

    assertThat(firstWaiting.attempt()).as("attempts of the first job meanwhile").isZero();
    assertThat(secondWaiting.attempt()).as("attempts of the second job meanwhile").isZero();
    assertThat(first.state()).isEqualTo("succeeded");
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

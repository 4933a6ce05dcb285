package io.bridgehead.tenant.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.Database;
import io.bridgehead.tenant.store.Event;
import io.bridgehead.tenant.store.EventStore;
import io.bridgehead.tenant.store.Job;
import io.bridgehead.tenant.store.JobState;
import io.bridgehead.tenant.store.JobStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LeaseResponse;
import io.bridgehead.wire.Outcome;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases, lapses, attempts and idempotent results, against a real SQLite database. */
class DispatcherTest {
  private static final TaskSpec TASK =
      new TaskSpec(ScriptShell.SH, "true", Map.of(), Set.of(), 60, 4096);
  private static final Set<Role> AUTOMATION = Set.of(Role.AUTOMATION);

  @TempDir
  Path folder;

  private final MutableClock clock = new MutableClock();
  private Database database;
  private JobStore jobs;
  private PoolStore pools;
  private AgentStore agents;
  private EventStore events;
  private Dispatcher dispatcher;
  private Pool pool;
  private Agent agent;
  private Agent otherAgent;

  @BeforeEach
  void openStore() throws IOException {
    database = Database.open(folder.resolve("tenant.db"));
    openDispatcher();
    pool = pools.create("main", clock.instant()).orElseThrow();
    agent = enroll(List.of());
    otherAgent = enroll(List.of());
  }

  private void openDispatcher() {
    jobs = new JobStore(database);
    pools = new PoolStore(database);
    events = new EventStore(database);
    agents = new AgentStore(database, pools, events);
    dispatcher = new Dispatcher(database, jobs, agents, pools, events, clock,
        DispatchSettings.defaults());
  }

  private Agent enroll(List<String> tags) {
    String key = pools.createEnrollmentKey(pool.id(), Duration.ofHours(1), clock.instant());
    return agents.enroll(key, new AgentStore.Description("host", List.of(Role.AUTOMATION), "1",
        "Linux", tags, null), clock.instant()).orElseThrow().agent();
  }

  @AfterEach
  void closeStore() {
    database.close();
  }

  @Test
  void queuedJobIsOfferedAtOnce() throws Exception {
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    Optional<JobOffer> offer = dispatcher.next(agent, AUTOMATION, Duration.ZERO);

    assertThat(offer).isPresent();
    assertThat(offer.get().jobId()).isEqualTo(job.id());
    assertThat(offer.get().attempt()).isEqualTo(1);
    assertThat(state(job)).isEqualTo(JobState.OFFERED);
  }

  @Test
  void waitingPollWakesWhenJobIsQueued() throws Exception {
    CompletableFuture<Optional<JobOffer>> poll = CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.next(agent, AUTOMATION, Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(200);
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    // A generous bound: the poll must end because of the job, not because its 20 s ran out.
    Optional<JobOffer> offer = poll.get(10, TimeUnit.SECONDS);

    assertThat(offer).map(JobOffer::jobId).contains(job.id());
  }

  @Test
  void goodbyeEndsProcessPolls() throws Exception {
    CompletableFuture<Optional<JobOffer>> stopped = CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.next(agent, "stopped-process", AUTOMATION, Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    while (dispatcher.waitingPolls() == 0) {
      Thread.sleep(10);
    }

    dispatcher.endPolls(agent.id(), "stopped-process");

    // A generous bound: the poll must end because of the goodbye, not its 20 s.
    assertThat(stopped.get(10, TimeUnit.SECONDS)).isEmpty();
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);
    assertThat(dispatcher.next(agent, "next-process", AUTOMATION, Duration.ZERO))
        .map(JobOffer::jobId).contains(job.id());
  }

  @Test
  void goodbyeLeavesOtherPolls() throws Exception {
    CompletableFuture<Optional<JobOffer>> running = CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.next(agent, "running-process", AUTOMATION, Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    while (dispatcher.waitingPolls() == 0) {
      Thread.sleep(10);
    }

    dispatcher.endPolls(agent.id(), "another-process");
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    assertThat(running.get(10, TimeUnit.SECONDS)).map(JobOffer::jobId).contains(job.id());
  }

  @Test
  void emptyPollEndsEmpty() throws Exception {
    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ofMillis(50))).isEmpty();
  }

  @Test
  void jobIsOfferedToOneAgentOnly() throws Exception {
    dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ZERO)).isPresent();
    assertThat(dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO)).isEmpty();
  }

  @Test
  void acceptStartsAndRepeatsSafely() throws Exception {
    JobOffer offer = offerOne();

    LeaseResponse first = dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    LeaseResponse again = dispatcher.accept(agent, offer.jobId(), offer.leaseId());

    assertThat(first.cancelRequested()).isFalse();
    assertThat(again.expiresAt()).isAfterOrEqualTo(first.expiresAt());
    assertThat(find(offer).attempt()).isEqualTo(1);
    assertThat(state(offer)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void acceptByOtherAgentIsRejected() throws Exception {
    JobOffer offer = offerOne();

    assertThatThrownBy(() -> dispatcher.accept(otherAgent, offer.jobId(), offer.leaseId()))
        .isInstanceOf(LeaseLostException.class);
  }

  @Test
  void unacceptedOfferReturnsWithoutAttempt() throws Exception {
    JobOffer offer = offerOne();
    clock.advance(Duration.ofSeconds(11));

    dispatcher.sweepLapsedLeases();

    assertThat(state(offer)).isEqualTo(JobState.QUEUED);
    assertThat(find(offer).attempt()).isZero();
    assertThatThrownBy(() -> dispatcher.accept(agent, offer.jobId(), offer.leaseId()))
        .isInstanceOf(LeaseLostException.class);
  }

  @Test
  void lapsedLeaseRequeuesWithAttemptCount() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));

    dispatcher.sweepLapsedLeases();
    Optional<JobOffer> again = dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO);

    assertThat(again).isPresent();
    assertThat(again.get().attempt()).isEqualTo(2);
    assertThatThrownBy(() -> dispatcher.renew(agent, offer.jobId(), offer.leaseId()))
        .isInstanceOf(LeaseLostException.class);
  }

  @Test
  void lastAttemptLapsingFailsAsAgentLost() throws Exception {
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 1);
    JobOffer offer = dispatcher.next(agent, AUTOMATION, Duration.ZERO).orElseThrow();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));

    dispatcher.sweepLapsedLeases();

    Job failed = jobs.find(job.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.message()).startsWith("agent lost").contains("attempt 1 of 1");
    assertThat(dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO)).isEmpty();
  }

  @Test
  void renewalKeepsLeaseAlive() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(20));
      dispatcher.renew(agent, offer.jobId(), offer.leaseId());
      dispatcher.sweepLapsedLeases();
    }

    assertThat(state(offer)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void repeatedResultIsKeptOnce() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    JobResult result = result(offer.leaseId(), "first");

    dispatcher.complete(agent, offer.jobId(), result);
    dispatcher.complete(agent, offer.jobId(), result(offer.leaseId(), "second"));

    Job done = find(offer);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.output()).isEqualTo("first");
  }

  @Test
  void resultUnderForeignLeaseIsRejected() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());

    assertThatThrownBy(() -> dispatcher.complete(agent, offer.jobId(), result("lse_other", "x")))
        .isInstanceOf(LeaseLostException.class);
    assertThat(state(offer)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void lateResultAfterLapseIsKept() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));
    dispatcher.sweepLapsedLeases();

    dispatcher.complete(agent, offer.jobId(), result(offer.leaseId(), "late"));

    assertThat(state(offer)).isEqualTo(JobState.SUCCEEDED);
    assertThat(dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO)).isEmpty();
  }

  @Test
  void resultAfterOtherAgentStartedIsRejected() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));
    dispatcher.sweepLapsedLeases();
    JobOffer second = dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO).orElseThrow();
    dispatcher.accept(otherAgent, second.jobId(), second.leaseId());

    assertThatThrownBy(() -> dispatcher.complete(agent, offer.jobId(),
        result(offer.leaseId(), "late"))).isInstanceOf(LeaseLostException.class);
    assertThat(state(offer)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void cancelQueuedJobEndsIt() throws Exception {
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    Job cancelled = dispatcher.cancel(job.id(), "cancelled by test");

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ZERO)).isEmpty();
  }

  @Test
  void cancelRunningJobIsToldAtRenewal() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());

    dispatcher.cancel(offer.jobId(), "cancelled by test");

    assertThat(dispatcher.renew(agent, offer.jobId(), offer.leaseId()).cancelRequested())
        .isTrue();
  }

  @Test
  void queuedJobSurvivesReopen() throws Exception {
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);
    database.close();

    database = Database.open(folder.resolve("tenant.db"));
    openDispatcher();

    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ZERO)).map(JobOffer::jobId)
        .contains(job.id());
  }

  @Test
  void awaitFinishedReturnsOnResult() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    CompletableFuture<Job> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.awaitFinished(offer.jobId(), Duration.ofSeconds(20));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);

    dispatcher.complete(agent, offer.jobId(), result(offer.leaseId(), "done"));

    assertThat(waiting.get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void leastLoadedWaitingAgentTakesJob() throws Exception {
    JobOffer running = offerOne();
    dispatcher.accept(agent, running.jobId(), running.leaseId());
    CompletableFuture<Optional<JobOffer>> busy = pollAsync(agent, Duration.ofSeconds(5));
    awaitWaitingPolls(1);
    CompletableFuture<Optional<JobOffer>> idle = pollAsync(otherAgent, Duration.ofSeconds(20));
    awaitWaitingPolls(2);

    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    assertThat(idle.get(10, TimeUnit.SECONDS)).map(JobOffer::jobId).contains(job.id());
    assertThat(busy.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void equalLoadLongestWaitingTakesJob() throws Exception {
    CompletableFuture<Optional<JobOffer>> first = pollAsync(agent, Duration.ofSeconds(20));
    awaitWaitingPolls(1);
    CompletableFuture<Optional<JobOffer>> second = pollAsync(otherAgent, Duration.ofSeconds(5));
    awaitWaitingPolls(2);

    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    assertThat(first.get(10, TimeUnit.SECONDS)).map(JobOffer::jobId).contains(job.id());
    assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void jobGoesOnlyToAgentWithItsTags() throws Exception {
    Agent gpuAgent = enroll(List.of("gpu", "linux"));
    Job job = submitWithTags(List.of("gpu"), Duration.ofHours(1));

    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ZERO)).isEmpty();
    assertThat(dispatcher.next(gpuAgent, AUTOMATION, Duration.ZERO)).map(JobOffer::jobId)
        .contains(job.id());
  }

  @Test
  void taggedJobDoesNotBlockLaterJobs() throws Exception {
    submitWithTags(List.of("gpu"), Duration.ofHours(1));
    Job plain = dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);

    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ZERO)).map(JobOffer::jobId)
        .contains(plain.id());
  }

  @Test
  void queueTimeoutNamesMissingTags() throws Exception {
    Job job = submitWithTags(List.of("gpu"), Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(31));

    dispatcher.sweepQueueTimeouts();

    Job failed = jobs.find(job.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.message()).contains("no online agent of pool main has tags [gpu]");
    assertThat(events.recent(10)).extracting(Event::kind).containsExactly(Event.Kind.JOB_NO_AGENT);
    assertThat(events.recent(10).get(0).jobId()).isEqualTo(job.id());
  }

  @Test
  void queueTimeoutWithBusyAgentsCountsThem() throws Exception {
    Job job = submitWithTags(List.of(), Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(31));

    dispatcher.sweepQueueTimeouts();

    assertThat(jobs.find(job.id()).orElseThrow().message())
        .contains("no agent of pool main started the job within 30 s (2 online)");
  }

  @Test
  void queueTimeoutWithNoAgentOnlineSaysSo() throws Exception {
    Job job = submitWithTags(List.of(), Duration.ofSeconds(100));
    clock.advance(Duration.ofSeconds(101));

    dispatcher.sweepQueueTimeouts();

    assertThat(jobs.find(job.id()).orElseThrow().message())
        .contains("no online agent of pool main serves the automation role (2 enrolled,");
  }

  @Test
  void queueTimeoutSparesStartedJob() throws Exception {
    Job job = submitWithTags(List.of(), Duration.ofSeconds(10));
    JobOffer offer = dispatcher.next(agent, AUTOMATION, Duration.ZERO).orElseThrow();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(11));

    dispatcher.sweepQueueTimeouts();

    assertThat(state(job)).isEqualTo(JobState.RUNNING);
  }

  @Test
  void queueTimeoutWaitsUntilDeadline() throws Exception {
    Job job = submitWithTags(List.of(), Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));

    dispatcher.sweepQueueTimeouts();

    assertThat(state(job)).isEqualTo(JobState.QUEUED);
  }

  @Test
  void disablingAgentEndsItsPoll() throws Exception {
    CompletableFuture<Optional<JobOffer>> poll = pollAsync(agent, Duration.ofSeconds(20));
    awaitWaitingPolls(1);

    agents.setDisabled(agent.id(), true, clock.instant());

    assertThat(poll.get(10, TimeUnit.SECONDS)).isEmpty();
    dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);
    assertThat(dispatcher.next(agent, AUTOMATION, Duration.ZERO)).isEmpty();
    assertThat(dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO)).isPresent();
  }

  @Test
  void defaultMaxAttemptsIsThree() {
    assertThat(DispatchSettings.defaults().defaultMaxAttempts()).isEqualTo(3);
    assertThat(DispatchSettings.defaults().defaultQueueTimeout()).isEqualTo(Duration.ofHours(1));
  }

  private Job submitWithTags(List<String> tags, Duration queueTimeout) {
    return dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3, tags, queueTimeout);
  }

  private CompletableFuture<Optional<JobOffer>> pollAsync(Agent poller, Duration wait) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.next(poller, AUTOMATION, wait);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Waits, up to 10 s, until {@code count} long polls wait in the dispatcher. */
  private void awaitWaitingPolls(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (dispatcher.waitingPolls() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + dispatcher.waitingPolls() + " of " + count
            + " polls were waiting after 10 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void secretValuesAreRedactedWhenJobEnds() throws Exception {
    TaskSpec secret = new TaskSpec(ScriptShell.SH, "true", Map.of("TOKEN", "hunter2-secret",
        "NAME", "plain"), Set.of("TOKEN"), 60, 4096);
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, secret, 3);
    JobOffer offer = dispatcher.next(agent, AUTOMATION, Duration.ZERO).orElseThrow();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());

    dispatcher.complete(agent, offer.jobId(), result(offer.leaseId(), "done"));

    TaskSpec stored = jobs.find(job.id()).orElseThrow().spec();
    assertThat(stored.variables()).containsEntry("TOKEN", "***");
    assertThat(stored.variables()).containsEntry("NAME", "plain");
  }

  @Test
  void cancelledResultAfterLapseIsRejected() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));
    dispatcher.sweepLapsedLeases();
    Instant now = clock.instant();
    JobResult cancelled = new JobResult(offer.leaseId(), Outcome.CANCELLED, null, null, "", "",
        false, "stopped because the lease was lost", now, now);

    assertThatThrownBy(() -> dispatcher.complete(agent, offer.jobId(), cancelled))
        .isInstanceOf(LeaseLostException.class);
    assertThat(state(offer)).isEqualTo(JobState.QUEUED);
  }

  @Test
  void lapsedLeaseOfOtherAgentIsRejected() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));
    dispatcher.sweepLapsedLeases();

    assertThatThrownBy(() -> dispatcher.complete(otherAgent, offer.jobId(),
        result(offer.leaseId(), "forged"))).isInstanceOf(LeaseLostException.class);
    assertThat(state(offer)).isEqualTo(JobState.QUEUED);
  }

  @Test
  void unacceptedSecondOfferKeepsLateResult() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(31));
    dispatcher.sweepLapsedLeases();
    dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO).orElseThrow();
    clock.advance(Duration.ofSeconds(11));
    dispatcher.sweepLapsedLeases();

    dispatcher.complete(agent, offer.jobId(), result(offer.leaseId(), "late"));

    assertThat(state(offer)).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void cancelledOfferNeverRunsAgain() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.cancel(offer.jobId(), "cancelled by test");
    clock.advance(Duration.ofSeconds(11));

    dispatcher.sweepLapsedLeases();

    assertThat(state(offer)).isEqualTo(JobState.CANCELLED);
    assertThat(dispatcher.next(otherAgent, AUTOMATION, Duration.ZERO)).isEmpty();
  }

  @Test
  void runningLeasesGetGraceAfterStart() throws Exception {
    JobOffer offer = offerOne();
    dispatcher.accept(agent, offer.jobId(), offer.leaseId());
    clock.advance(Duration.ofSeconds(29));

    dispatcher.extendLeasesAfterStart();
    clock.advance(Duration.ofSeconds(20));
    dispatcher.sweepLapsedLeases();

    assertThat(state(offer)).isEqualTo(JobState.RUNNING);
  }

  private JobOffer offerOne() throws InterruptedException {
    dispatcher.submit(pool.id(), Role.AUTOMATION, TASK, 3);
    return dispatcher.next(agent, AUTOMATION, Duration.ZERO).orElseThrow();
  }

  private Job find(JobOffer offer) {
    return jobs.find(offer.jobId()).orElseThrow();
  }

  private JobState state(JobOffer offer) {
    return find(offer).state();
  }

  private JobState state(Job job) {
    return jobs.find(job.id()).orElseThrow().state();
  }

  private JobResult result(String leaseId, String output) {
    Instant now = clock.instant();
    return new JobResult(leaseId, Outcome.SUCCEEDED, 0, null, output, "", false,
        "exited with code 0", now, now);
  }
}

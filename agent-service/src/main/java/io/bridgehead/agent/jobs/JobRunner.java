package io.bridgehead.agent.jobs;

import io.bridgehead.agent.outbox.Outbox;
import io.bridgehead.agent.script.RunningScript;
import io.bridgehead.agent.script.ScriptHost;
import io.bridgehead.agent.script.ScriptOutcome;
import io.bridgehead.agent.script.ScriptRequest;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LeaseResponse;
import io.bridgehead.wire.Outcome;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one offered job from acceptance until its result is in the outbox.
 *
 * <p>The script starts only after the tenant confirms the lease, and not at all when the
 * tenant reports the job cancelled by then. While it runs, and until its result reaches the
 * tenant, a {@link LeaseKeeper} renews the lease on the {@code leaseTimers} executor, which does
 * nothing else, so neither a busy script nor a slow log upload can delay a renewal. Every path
 * after acceptance ends with a result in the outbox, including a failure of the agent itself,
 * except a run the agent stopped because it lost the lease: that run reports nothing, so the
 * tenant runs the job again.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  /** How often queued log lines are written to the outbox while a job runs. */
  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofMillis(500);
  /**
   * How long the agent keeps trying to accept an offer whose acceptance gets no response. A
   * try after the offer lapsed gets a rejection, which ends the tries sooner.
   */
  private static final Duration ACCEPT_TRY_TIME = Duration.ofSeconds(30);

  private final TenantClient client;
  private final ScriptHost scripts;
  private final ScheduledExecutorService leaseTimers;
  private final ScheduledExecutorService logTimers;
  private final AgentSettings settings;
  private final TenantLink link;
  private final AtomicBoolean stopping;
  private final JobLoopListener listener;
  private final Outbox outbox;

  JobRunner(TenantClient client, ScriptHost scripts, ScheduledExecutorService leaseTimers,
      ScheduledExecutorService logTimers, AgentSettings settings, TenantLink link,
      AtomicBoolean stopping, JobLoopListener listener, Outbox outbox) {
    this.client = client;
    this.scripts = scripts;
    this.leaseTimers = leaseTimers;
    this.logTimers = logTimers;
    this.settings = settings;
    this.link = link;
    this.stopping = stopping;
    this.listener = listener;
    this.outbox = outbox;
  }

  /** Listens for the moment a job's script is started, for tests and benchmarks. */
  interface StartListener {
    void started(String jobId);
  }

  void run(JobOffer offer, RunningJobs running, StartListener startListener) {
    long acceptedAt = System.nanoTime();
    LeaseResponse lease = accept(offer);
    if (lease == null) {
      return;
    }
    Instant startedAt = Instant.now();
    Ran ran;
    try {
      if (lease.cancelRequested()) {
        log.info("Job {} was cancelled on the tenant before it started", offer.jobId());
        ran = new Ran(notRun(offer, Outcome.CANCELLED,
            "cancelled on the tenant before it started", startedAt), null);
      } else if (stopping.get()) {
        ran = new Ran(notRun(offer, Outcome.CANCELLED,
            "the agent was stopping, so it did not start the job", startedAt), null);
      } else {
        ran = runScript(offer, running, startListener, acceptedAt);
      }
    } catch (RuntimeException e) {
      log.error("Job {} failed inside the agent", offer.jobId(), e);
      ran = new Ran(notRun(offer, Outcome.FAILED, "the agent failed to run the job: " + e,
          startedAt), null);
    }
    try {
      report(offer, ran);
      if (ran.leaseLost()) {
        return;
      }
      if (ran.keeper() == null) {
        outbox.appendResult(offer.jobId(), ran.result());
      } else {
        holdLeaseUntilSent(offer, ran);
      }
    } finally {
      if (ran.keeper() != null) {
        ran.keeper().close();
      }
    }
  }

  /**
   * A finished run: its result, the keeper still holding its lease if it had one, and whether
   * the run was cut short because the lease was lost, in which case nothing is reported.
   */
  private record Ran(JobResult result, LeaseKeeper keeper, boolean leaseLost) {
    Ran(JobResult result, LeaseKeeper keeper) {
      this(result, keeper, false);
    }
  }

  private void report(JobOffer offer, Ran ran) {
    JobResult result = ran.result();
    listener.jobEnded(new JobSummary(offer.jobId(), result.outcome(), result.exitCode(),
        result.message(), result.startedAt(), result.finishedAt()));
    if (ran.leaseLost()) {
      log.warn("Job {} was stopped because its lease was lost; no result is sent, so the"
          + " tenant runs it again", offer.jobId());
      return;
    }
    log.info("Job {} {}: {}", offer.jobId(), result.outcome().wireName(), result.message());
  }

  /**
   * Keeps renewing the lease, for up to one lease length, until the tenant has the result: a
   * lease that lapsed while the result waited in the outbox would let another agent run the
   * job again.
   */
  private void holdLeaseUntilSent(JobOffer offer, Ran ran) {
    long sequence = outbox.appendResult(offer.jobId(), ran.result());
    try {
      if (!outbox.awaitSent(sequence, Duration.ofSeconds(Math.max(1, offer.leaseSeconds())))) {
        log.warn("The result of job {} has not reached the tenant yet; it stays in the outbox",
            offer.jobId());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Ran runScript(JobOffer offer, RunningJobs running, StartListener startListener,
      long acceptedAt) {
    String jobId = offer.jobId();
    log.info("Running job {} (attempt {}) under lease {}", jobId, offer.attempt(),
        offer.leaseId());
    LogShipper shipper = new LogShipper(outbox, jobId, offer.leaseId(), offer.attempt(),
        logTimers);
    TaskSpec task = offer.task();
    ScriptRequest request = new ScriptRequest(task.shell(), task.script(),
        task.variables() == null ? Map.of() : task.variables(),
        task.secretVariables() == null ? Set.of() : task.secretVariables(),
        Duration.ofSeconds(task.timeLimitSeconds()), task.outputCapBytes(),
        settings.workRoot());
    RunningScript script = scripts.start(request, shipper::add);
    running.add(jobId, script);
    LeaseKeeper keeper = new LeaseKeeper(client, leaseTimers, link, offer, script, acceptedAt);
    ScheduledFuture<?> shipping = null;
    ScriptOutcome outcome;
    try {
      RunRecords.record(settings.workRoot(), jobId, script.pid());
      startListener.started(jobId);
      listener.jobStarted(jobId, Instant.now());
      keeper.start();
      shipping = logTimers.scheduleWithFixedDelay(shipper::flush,
          LOG_FLUSH_INTERVAL.toMillis(), LOG_FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      outcome = awaitQuietly(script);
    } catch (RuntimeException e) {
      // For example the timers were shut down by a stop: the script must not run on.
      script.cancel();
      awaitQuietly(script);
      keeper.close();
      throw e;
    } finally {
      if (shipping != null) {
        shipping.cancel(false);
      }
      running.remove(jobId);
      RunRecords.remove(settings.workRoot(), jobId);
    }
    shipper.finish();
    shipper.flush();
    if (outcome.outcome() == Outcome.CANCELLED && keeper.lost()) {
      // The agent itself cut the run short; reporting it cancelled would end a job that the
      // tenant means to run again.
      keeper.close();
      return new Ran(toResult(offer, outcome, keeper), keeper, true);
    }
    return new Ran(toResult(offer, outcome, keeper), keeper);
  }

  /**
   * Accepts the offer, trying again while no response comes. A rejection by the tenant (the
   * offer lapsed or went to another agent) ends the attempt: the tenant offers the job again.
   * When an acceptance reached the tenant but its response did not, the job waits for its
   * lease to lapse and then runs again, with one more attempt counted.
   */
  private LeaseResponse accept(JobOffer offer) {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    long deadline = System.nanoTime() + ACCEPT_TRY_TIME.toNanos();
    while (System.nanoTime() < deadline && !stopping.get()) {
      try {
        LeaseResponse response = client.accept(offer.jobId(), offer.leaseId());
        link.succeeded();
        return response;
      } catch (TenantException e) {
        log.warn("Tenant rejected lease {} on job {}: {}; not running it", offer.leaseId(),
            offer.jobId(), e.getMessage());
        return null;
      } catch (IOException e) {
        link.failed(e);
        if (!sleep(backoff.nextDelay())) {
          break;
        }
      }
    }
    log.warn("Could not accept job {}; the tenant offers it again when the offer lapses",
        offer.jobId());
    return null;
  }

  private static JobResult toResult(JobOffer offer, ScriptOutcome outcome, LeaseKeeper keeper) {
    Outcome reported = outcome.outcome();
    String message = outcome.message();
    if (reported == Outcome.CANCELLED && keeper.stop() != LeaseKeeper.Stop.NONE) {
      message = keeper.stopReason() + "; " + message;
    }
    return new JobResult(offer.leaseId(), reported, outcome.exitCode(), outcome.result(),
        outcome.output(), outcome.errorOutput(), outcome.outputTruncated(), message,
        outcome.startedAt(), outcome.finishedAt());
  }

  private static JobResult notRun(JobOffer offer, Outcome outcome, String message,
      Instant startedAt) {
    return new JobResult(offer.leaseId(), outcome, null, null, "", "", false, message,
        startedAt, Instant.now());
  }

  /**
   * Waits for the script; an interrupt (the agent stopping) cancels it, and the wait goes on
   * for the outcome, which follows within seconds once the tree is killed.
   */
  private static ScriptOutcome awaitQuietly(RunningScript script) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return script.await();
        } catch (InterruptedException e) {
          interrupted = true;
          script.cancel();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sleeps; returns false when interrupted. */
  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package io.bridgehead.agent.jobs;

import io.bridgehead.agent.script.RunningScript;
import io.bridgehead.agent.script.ScriptHost;
import io.bridgehead.agent.script.ScriptOutcome;
import io.bridgehead.agent.script.ScriptRequest;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
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
 * Runs one offered job from acceptance to acknowledged result.
 *
 * <p>The script starts only after the tenant confirms the lease. While it runs, the lease is
 * renewed on the {@code leaseTimers} executor, which does nothing else, so neither a busy
 * script nor a slow log upload can delay a renewal. The result is sent until the tenant
 * acknowledges it or rejects it for good.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  /** How often pending log lines are sent while a job runs. */
  private static final Duration LOG_FLUSH_INTERVAL = Duration.ofMillis(500);

  private final TenantClient client;
  private final ScriptHost scripts;
  private final ScheduledExecutorService leaseTimers;
  private final ScheduledExecutorService logTimers;
  private final AgentSettings settings;
  private final TenantLink link;
  private final AtomicBoolean stopping;
  private final JobLoopListener listener;

  JobRunner(TenantClient client, ScriptHost scripts, ScheduledExecutorService leaseTimers,
      ScheduledExecutorService logTimers, AgentSettings settings, TenantLink link,
      AtomicBoolean stopping, JobLoopListener listener) {
    this.client = client;
    this.scripts = scripts;
    this.leaseTimers = leaseTimers;
    this.logTimers = logTimers;
    this.settings = settings;
    this.link = link;
    this.stopping = stopping;
    this.listener = listener;
  }

  /** Listens for the moment a job's script is started, for tests and benchmarks. */
  interface StartListener {
    void started(String jobId);
  }

  void run(JobOffer offer, RunningJobs running, StartListener startListener) {
    String jobId = offer.jobId();
    LeaseResponse lease = accept(offer);
    if (lease == null) {
      return;
    }
    log.info("Running job {} (attempt {}) under lease {}", jobId, offer.attempt(),
        offer.leaseId());
    LogShipper shipper = new LogShipper(client, jobId, offer.leaseId(), logTimers);
    TaskSpec task = offer.task();
    ScriptRequest request = new ScriptRequest(task.shell(), task.script(),
        task.variables() == null ? Map.of() : task.variables(),
        task.secretVariables() == null ? Set.of() : task.secretVariables(),
        Duration.ofSeconds(task.timeLimitSeconds()), task.outputCapBytes(),
        settings.workRoot());
    RunningScript script = scripts.start(request, shipper::add);
    running.add(jobId, script);
    startListener.started(jobId);
    listener.jobStarted(jobId, Instant.now());
    AtomicBoolean leaseLost = new AtomicBoolean();
    AtomicBoolean cancelled = new AtomicBoolean(lease.cancelRequested());
    if (lease.cancelRequested()) {
      script.cancel();
    }
    long renewMillis = Math.max(1000, offer.leaseSeconds() * 1000L / 3);
    ScheduledFuture<?> renewal = leaseTimers.scheduleWithFixedDelay(
        () -> renew(offer, script, leaseLost, cancelled), renewMillis, renewMillis,
        TimeUnit.MILLISECONDS);
    ScheduledFuture<?> shipping = logTimers.scheduleWithFixedDelay(shipper::flush,
        LOG_FLUSH_INTERVAL.toMillis(), LOG_FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    ScriptOutcome outcome;
    try {
      outcome = script.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      script.cancel();
      outcome = awaitQuietly(script);
    } finally {
      renewal.cancel(false);
      shipping.cancel(false);
      running.remove(jobId);
    }
    shipper.finish();
    JobResult result = toResult(offer, outcome, cancelled.get());
    listener.jobEnded(new JobSummary(jobId, result.outcome(), result.exitCode(),
        result.message(), result.startedAt(), result.finishedAt()));
    if (leaseLost.get()) {
      log.warn("Job {} lost its lease while running; offering its result anyway", jobId);
    }
    deliver(jobId, shipper, result);
  }

  private LeaseResponse accept(JobOffer offer) {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    while (Instant.now().isBefore(offer.acceptBy()) && !stopping.get()) {
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
        sleep(backoff.nextDelay());
      }
    }
    log.warn("Could not accept job {} before its offer lapsed; the tenant will offer it again",
        offer.jobId());
    return null;
  }

  private void renew(JobOffer offer, RunningScript script, AtomicBoolean leaseLost,
      AtomicBoolean cancelled) {
    try {
      LeaseResponse response = client.renew(offer.jobId(), offer.leaseId());
      link.succeeded();
      if (response.cancelRequested() && cancelled.compareAndSet(false, true)) {
        log.info("Job {} was cancelled on the tenant; stopping its script", offer.jobId());
        script.cancel();
      }
    } catch (TenantException e) {
      if (e.status() == 409 || AgentApi.LEASE_LOST.equals(e.code()) || e.status() == 404) {
        if (leaseLost.compareAndSet(false, true)) {
          log.warn("Lost the lease on job {}: {}; stopping its script", offer.jobId(),
              e.getMessage());
          script.cancel();
        }
      } else {
        log.warn("Renewing the lease on job {} failed: {}", offer.jobId(), e.getMessage());
      }
    } catch (IOException e) {
      link.failed(e);
    } catch (RuntimeException e) {
      log.error("Renewing the lease on job {} failed", offer.jobId(), e);
    }
  }

  /**
   * Sends the job's remaining log lines, then its result, retrying both until the tenant takes
   * them or rejects them for good. The lines go first so that a finished job's log is whole.
   */
  private void deliver(String jobId, LogShipper shipper, JobResult result) {
    Backoff backoff = new Backoff(settings.retryInitial(), settings.retryCap());
    while (true) {
      try {
        if (!shipper.flush()) {
          throw new IOException("the tenant did not take the job's log lines");
        }
        client.sendResult(jobId, result);
        link.succeeded();
        log.info("Job {} {}: {}", jobId, result.outcome().wireName(), result.message());
        return;
      } catch (TenantException e) {
        if (e.isPermanent()) {
          log.warn("Tenant rejected the result of job {}: {}", jobId, e.getMessage());
          listener.tenantError("the tenant rejected the result of job " + jobId + ": "
              + e.getMessage());
          return;
        }
        log.warn("Tenant failed to take the result of job {}: {}; retrying", jobId,
            e.getMessage());
      } catch (IOException e) {
        link.failed(e);
      }
      // NOTE: the result waits in memory only; a durable outbox would keep it across restarts.
      if (!sleep(backoff.nextDelay())) {
        log.warn("Stopped before the result of job {} reached the tenant", jobId);
        return;
      }
    }
  }

  private static JobResult toResult(JobOffer offer, ScriptOutcome outcome, boolean cancelled) {
    Outcome reported = outcome.outcome();
    String message = outcome.message();
    if (cancelled && reported == Outcome.CANCELLED) {
      message = "cancelled on the tenant; " + message;
    }
    return new JobResult(offer.leaseId(), reported, outcome.exitCode(), outcome.result(),
        outcome.output(), outcome.errorOutput(), outcome.outputTruncated(), message,
        outcome.startedAt(), outcome.finishedAt());
  }

  private static ScriptOutcome awaitQuietly(RunningScript script) {
    while (true) {
      try {
        return script.await();
      } catch (InterruptedException e) {
        // Keep waiting: the tree is being killed and the outcome follows within seconds.
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

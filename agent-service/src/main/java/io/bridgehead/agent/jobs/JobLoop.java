package io.bridgehead.agent.jobs;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.script.ScriptHost;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's work loop: long-poll the tenant for the next job whenever a job slot is free,
 * with no pause between polls, and run each job on its own thread. Failed calls are retried
 * with capped exponential back-off and jitter; heartbeats go out on a timer.
 *
 * <p>Usage: {@link #start()}, later {@link #stop(Duration)}; {@link #awaitStop()} blocks
 * until the loop ends, which it also does by itself when the tenant rejects the agent's
 * credential.
 */
public final class JobLoop {
  private static final Logger log = LoggerFactory.getLogger(JobLoop.class);

  private final TenantClient client;
  private final ScriptHost scripts;
  private final AgentSettings settings;
  private final List<Role> roles;
  private final TenantLink link;
  private final Semaphore slots;
  private final RunningJobs running = new RunningJobs();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<String> fatalError = new AtomicReference<>();
  private final ScheduledExecutorService leaseTimers;
  private final ScheduledExecutorService logTimers;
  private final ScheduledExecutorService heartbeatTimer;
  private final ExecutorService jobThreads;
  private final Thread poller;
  private final JobRunner runner;
  private final JobLoopListener listener;
  private volatile JobRunner.StartListener startListener = jobId -> { };

  public JobLoop(TenantClient client, ScriptHost scripts, AgentSettings settings,
      List<Role> roles, String tenantUrl) {
    this(client, scripts, settings, roles, tenantUrl, JobLoopListener.NONE);
  }

  /** Makes a loop that tells {@code listener} about jobs and the tenant link. */
  public JobLoop(TenantClient client, ScriptHost scripts, AgentSettings settings,
      List<Role> roles, String tenantUrl, JobLoopListener listener) {
    this.client = client;
    this.scripts = scripts;
    this.settings = settings;
    this.roles = List.copyOf(roles);
    this.listener = listener;
    this.link = new TenantLink(tenantUrl, new JobLoopListener() {
      @Override
      public void tenantReachabilityChanged(boolean reachable, String reason) {
        // Calls interrupted by stop() fail, which says nothing about the tenant.
        if (!stopping.get()) {
          listener.tenantReachabilityChanged(reachable, reason);
        }
      }
    });
    this.slots = new Semaphore(settings.maxConcurrentJobs());
    this.leaseTimers = Executors.newScheduledThreadPool(2, named("agent-lease-renewal", true));
    this.logTimers = Executors.newScheduledThreadPool(2, named("agent-log-shipper", true));
    this.heartbeatTimer =
        Executors.newSingleThreadScheduledExecutor(named("agent-heartbeat", true));
    this.jobThreads = Executors.newCachedThreadPool(named("agent-job", false));
    this.poller = named("agent-poll", false).newThread(this::pollLoop);
    this.runner = new JobRunner(client, scripts, leaseTimers, logTimers, settings, link,
        stopping, listener);
  }

  /** Starts polling and heartbeats. */
  public void start() {
    log.info("Agent {} taking {} jobs, at most {} at once", AgentVersion.current(), roles,
        settings.maxConcurrentJobs());
    long heartbeat = settings.heartbeatInterval().toMillis();
    heartbeatTimer.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat,
        TimeUnit.MILLISECONDS);
    poller.start();
  }

  /** Sets a listener called when each job's script starts, for tests and benchmarks. */
  void onJobStarted(JobRunner.StartListener listener) {
    this.startListener = listener;
  }

  public AgentSettings settings() {
    return settings;
  }

  /** Returns the tenant link's state. */
  public TenantLink link() {
    return link;
  }

  public int runningJobs() {
    return running.count();
  }

  /**
   * Stops taking jobs, cancels the running ones and waits up to {@code grace} for their
   * results to be sent.
   */
  public void stop(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    log.info("Agent stopping: taking no new jobs; cancelling {} running", running.count());
    client.cancelPoll();
    poller.interrupt();
    running.cancelAll();
    jobThreads.shutdown();
    try {
      if (!jobThreads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Jobs still reporting {} after stop; leaving them", grace);
        jobThreads.shutdownNow();
      }
      poller.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    heartbeatTimer.shutdownNow();
    leaseTimers.shutdownNow();
    logTimers.shutdownNow();
    client.close();
    log.info("Agent stopped");
  }

  /**
   * Waits until the loop ends.
   *
   * @return null after a normal stop, or why the agent had to stop by itself
   */
  public String awaitStop() throws InterruptedException {
    poller.join();
    return fatalError.get();
  }

  private void pollLoop() {
    Backoff backoff = new Backoff(settings.retryInitial(), settings.retryCap());
    while (!stopping.get()) {
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        break;
      }
      boolean handedOver = false;
      try {
        Optional<JobOffer> offer = client.next(roles, settings.pollWait());
        link.succeeded();
        backoff.reset();
        if (offer.isPresent() && !stopping.get()) {
          JobOffer job = offer.get();
          jobThreads.execute(() -> runJob(job));
          handedOver = true;
        }
      } catch (TenantException e) {
        if (e.status() == 401 && AgentApi.INVALID_CREDENTIAL.equals(e.code())) {
          fatalError.set("the tenant rejected this agent's credential: " + e.getMessage());
          log.error("Stopping: {}", fatalError.get());
          stopping.set(true);
          listener.tenantError(fatalError.get());
          break;
        }
        log.warn("Tenant rejected the poll for jobs: {}; retrying", e.getMessage());
        listener.tenantError("the tenant rejected the poll for jobs: " + e.getMessage());
        pause(backoff);
      } catch (IOException e) {
        if (stopping.get()) {
          break;
        }
        link.failed(e);
        pause(backoff);
      } catch (RuntimeException e) {
        log.error("Polling for jobs failed unexpectedly; retrying", e);
        pause(backoff);
      } finally {
        if (!handedOver) {
          slots.release();
        }
      }
    }
  }

  private void runJob(JobOffer offer) {
    try {
      runner.run(offer, running, startListener);
    } catch (RuntimeException e) {
      log.error("Job {} failed inside the agent", offer.jobId(), e);
    } finally {
      slots.release();
    }
  }

  private void heartbeat() {
    try {
      client.heartbeat(AgentVersion.current(), running.count());
      link.succeeded();
    } catch (IOException e) {
      link.failed(e);
    } catch (RuntimeException e) {
      log.error("Heartbeat failed unexpectedly", e);
    }
  }

  private void pause(Backoff backoff) {
    Duration delay = backoff.nextDelay();
    log.debug("Next poll in {} ms after {} failures", delay.toMillis(), backoff.failures());
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix, boolean daemon) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(daemon);
      return thread;
    };
  }
}

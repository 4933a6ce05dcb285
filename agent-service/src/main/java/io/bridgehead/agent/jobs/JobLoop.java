package io.bridgehead.agent.jobs;

import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.outbox.Outbox;
import io.bridgehead.agent.outbox.OutboxItem;
import io.bridgehead.agent.script.ScriptHost;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
  /** How long cancelled jobs get to end and keep their results once a drain ran out. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
  /** How often a loop that cannot write its outbox tries again. */
  private static final Duration OUTBOX_PROBE_INTERVAL = Duration.ofSeconds(5);

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
  private final Outbox outbox;
  /** Set by the first call of {@link #stop}; later calls wait for {@link #stopDone}. */
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CountDownLatch stopDone = new CountDownLatch(1);
  private volatile JobRunner.StartListener startListener = jobId -> { };
  private volatile HeartbeatHook heartbeatHook = HeartbeatHook.NONE;
  /** The last refusal logged, so that a repeated one is logged once. */
  private String lastRefusal;
  private boolean outboxBlocked;

  /**
   * Makes a loop that reports to {@code listener} on jobs and the tenant link, and keeps results
   * and log lines in {@code outbox}, which it sends through this loop's client while it runs.
   */
  public JobLoop(TenantClient client, ScriptHost scripts, AgentSettings settings,
      List<Role> roles, String tenantUrl, JobLoopListener listener, Outbox outbox) {
    this.client = client;
    this.outbox = outbox;
    this.scripts = scripts;
    this.settings = settings;
    this.roles = List.copyOf(roles);
    this.listener = listener;
    this.link = new TenantLink(tenantUrl, new JobLoopListener() {
      @Override
      public void tenantReachabilityChanged(boolean reachable, String reason) {
        // Calls interrupted by stop() fail, which shows nothing about the tenant.
        if (!stopping.get()) {
          listener.tenantReachabilityChanged(reachable, reason);
        }
      }
    });
    this.slots = new Semaphore(settings.maxConcurrentJobs());
    // Two lease threads per job slot, one for a renewal call and one for the lease deadline,
    // so that a stalled renewal never delays another job's renewal or deadline.
    this.leaseTimers = Executors.newScheduledThreadPool(2 * settings.maxConcurrentJobs(),
        named("agent-lease-renewal", true));
    this.logTimers = Executors.newScheduledThreadPool(2, named("agent-log-shipper", true));
    this.heartbeatTimer =
        Executors.newSingleThreadScheduledExecutor(named("agent-heartbeat", true));
    this.jobThreads = Executors.newCachedThreadPool(named("agent-job", false));
    this.poller = named("agent-poll", false).newThread(this::pollLoop);
    this.runner = new JobRunner(client, scripts, leaseTimers, logTimers, settings, link,
        stopping, listener, outbox);
  }

  /** Starts polling and heartbeats. */
  public void start() {
    log.info("Agent {} taking {} jobs, at most {} at once", AgentVersion.current(), roles,
        settings.maxConcurrentJobs());
    long heartbeat = settings.heartbeatInterval().toMillis();
    heartbeatTimer.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat,
        TimeUnit.MILLISECONDS);
    outbox.start(this::deliver);
    poller.start();
  }

  /** Sets the hook that receives each heartbeat response; call it before {@link #start()}. */
  public void onHeartbeat(HeartbeatHook hook) {
    this.heartbeatHook = hook;
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
   * Stops gracefully: takes no new job, lets running jobs finish for up to {@code drain}, then
   * cancels the rest, whose results report them cancelled. Each result lands in the outbox,
   * which the caller may give time to send. A second call waits for the first to finish.
   */
  public void stop(Duration drain) {
    stopping.set(true);
    if (!stopped.compareAndSet(false, true)) {
      try {
        stopDone.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      stopOnce(drain);
    } finally {
      stopDone.countDown();
    }
  }

  private void stopOnce(Duration drain) {
    log.info("Agent stopping: taking no new jobs; {} running, allowed {} s to finish",
        running.count(), drain.toSeconds());
    client.cancelPoll();
    poller.interrupt();
    jobThreads.shutdown();
    try {
      if (!jobThreads.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Cancelling {} jobs still running after {} s", running.count(),
            drain.toSeconds());
        running.cancelAll();
        if (!jobThreads.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("Jobs still ending {} s after cancel; interrupting them",
              CANCEL_WAIT.toSeconds());
          jobThreads.shutdownNow();
          jobThreads.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      poller.join(CANCEL_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancelAll();
    }
    heartbeatTimer.shutdownNow();
    leaseTimers.shutdownNow();
    logTimers.shutdownNow();
    log.info("Agent stopped; {} results or log batches wait in the outbox", outbox.pending());
  }

  /** Closes the loop's connections; call after {@link #stop} once the outbox had its time. */
  public void close() {
    try {
      client.goodbye();
    } catch (IOException e) {
      log.debug("Could not say goodbye to the tenant: {}", e.toString());
    }
    client.close();
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
      if (!outboxWritable()) {
        continue;
      }
      try {
        slots.acquire();
      } catch (InterruptedException e) {
        break;
      }
      boolean handedOver = false;
      try {
        Optional<JobOffer> offer = client.next(roles, settings.pollWait());
        link.succeeded();
        outbox.tenantReachable();
        backoff.reset();
        if (offer.isPresent() && (outbox.writeError() != null || !outbox.probe())) {
          // The disk failed while the poll waited, or fails now: leave the offer to lapse, so
          // that the tenant gives the job to an agent that can keep its result.
          log.warn("Not taking job {}: {}", offer.get().jobId(), outbox.writeError());
        } else if (offer.isPresent() && !stopping.get()) {
          JobOffer job = offer.get();
          try {
            jobThreads.execute(() -> runJob(job));
            handedOver = true;
          } catch (RejectedExecutionException e) {
            log.info("Not taking job {}: the agent is stopping; the tenant offers it again",
                job.jobId());
          }
        }
      } catch (TenantException e) {
        if (e.status() == 401 && AgentApi.INVALID_CREDENTIAL.equals(e.code())) {
          fatalError.set("the tenant rejected this agent's credential: " + e.getMessage());
          log.error("Stopping: {}", fatalError.get());
          listener.tenantError(fatalError.get());
          // stop() waits for this thread, so it runs on another one.
          Thread stopper = new Thread(() -> stop(Duration.ZERO), "agent-fatal-stop");
          stopper.setDaemon(false);
          stopper.start();
          break;
        }
        if (AgentApi.AGENT_CLONED.equals(e.code()) || AgentApi.AGENT_DISABLED.equals(e.code())) {
          if (!e.getMessage().equals(lastRefusal)) {
            lastRefusal = e.getMessage();
            log.error("The tenant gives this agent no jobs: {}; asking again with back-off",
                e.getMessage());
            listener.tenantError(e.getMessage());
          }
          pause(backoff);
          continue;
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

  /**
   * Returns true when results can be kept on disk. Otherwise it logs why once, waits, and
   * returns false, so that the agent takes no job whose result it could not keep.
   */
  private boolean outboxWritable() {
    if (outbox.writeError() == null) {
      return true;
    }
    if (!outboxBlocked) {
      outboxBlocked = true;
      log.error("Taking no jobs: {}", outbox.writeError());
      listener.tenantError("taking no jobs: " + outbox.writeError());
    }
    try {
      Thread.sleep(OUTBOX_PROBE_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (outbox.probe()) {
      outboxBlocked = false;
      log.info("The outbox can be written again; taking jobs");
      return true;
    }
    return false;
  }

  private void deliver(OutboxItem item) throws IOException {
    if (item.kind() == OutboxItem.Kind.LOGS) {
      client.sendLogs(item.jobId(), Json.mapper().treeToValue(item.body(), LogBatch.class));
    } else {
      client.sendResult(item.jobId(), Json.mapper().treeToValue(item.body(), JobResult.class));
    }
    link.succeeded();
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
      HeartbeatResponse response = client.heartbeat(AgentVersion.current(), running.count());
      link.succeeded();
      outbox.tenantReachable();
      heartbeatHook.heartbeatAnswered(response, client);
    } catch (TenantException e) {
      link.succeeded();
      log.warn("Tenant rejected the heartbeat: {}", e.getMessage());
    } catch (IOException e) {
      // A stop interrupts a heartbeat in flight, so the failure does not mean the tenant is down.
      if (!stopping.get()) {
        link.failed(e);
      }
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

package io.bridgehead.tenant.jobs;

import io.bridgehead.tenant.security.Secrets;
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
import io.bridgehead.tenant.store.StoreException;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LeaseResponse;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.Outcome;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.TaskSpec;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued jobs to agents under leases and takes their results.
 *
 * <p>A job moves queued, offered (to one agent, under a new lease), running (once the agent
 * accepts the lease), and finished. Every check and change happens while holding the database
 * lock, and long polls wait on that same monitor, so a job queued at any moment wakes the
 * waiting polls at once. A lease that lapses puts the job back in the queue, with the attempt
 * count it had, until the job's maximum is reached; then the job fails as "agent lost".
 *
 * <p>A job goes only to an enabled agent of its pool that serves its role and has all its
 * required tags. When several such agents wait in long polls, the one holding the fewest
 * offered and running jobs takes it, and of those the one that has waited longest: each
 * waking poll computes that choice for every queued job it could take and takes only a job
 * whose choice it is. Every poll that ends wakes the others, so a job one poll passed over is
 * looked at again. A job that no agent has started within its queue time-out fails with a
 * reason that names what was missing.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final Database database;
  private final JobStore jobs;
  private final AgentStore agents;
  private final PoolStore pools;
  private final EventStore events;
  private final Clock clock;
  private final DispatchSettings settings;
  /** The long polls waiting in {@link #next}, oldest first; guarded by the database lock. */
  private final List<Waiter> waiters = new ArrayList<>();
  /** The sequence number of the next long poll; guarded by the database lock. */
  private long nextSequence;

  /** A long poll in {@link #next}; a smaller sequence number has waited longer. */
  /**
   * One long poll.
   *
   * @param instance the agent process's instance id, or null when it sent none
   */
  private record Waiter(Agent agent, String instance, Set<Role> roles, long sequence) {}

  /**
   * The polls whose process sent a goodbye request. They end empty. Guarded by the database
   * lock.
   */
  private final Set<Waiter> ended = new HashSet<>();

  public Dispatcher(Database database, JobStore jobs, AgentStore agents, PoolStore pools,
      EventStore events, Clock clock, DispatchSettings settings) {
    this.database = database;
    this.jobs = jobs;
    this.agents = agents;
    this.pools = pools;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
  }

  public DispatchSettings settings() {
    return settings;
  }

  /** Queues a job without required tags and with the default queue time-out. */
  public Job submit(String poolId, Role role, TaskSpec task, int maxAttempts) {
    return submit(poolId, role, task, maxAttempts, List.of(), settings.defaultQueueTimeout());
  }

  /**
   * Queues a job and wakes the agents waiting for one.
   *
   * @param requiredTags tags an agent must all have to take the job
   * @param queueTimeout how long the job may wait for its first start before it fails
   */
  public Job submit(String poolId, Role role, TaskSpec task, int maxAttempts,
      List<String> requiredTags, Duration queueTimeout) {
    Instant now = clock.instant();
    Job job = new Job("job_" + Secrets.newId(), poolId, role, task, JobState.QUEUED, 0,
        maxAttempts, null, null, null, false, now, null, null, null, null, null,
        null, false, null, List.copyOf(requiredTags), now.plus(queueTimeout));
    synchronized (database.lock()) {
      jobs.insert(job);
      database.lock().notifyAll();
    }
    log.info("Queued {} job {} in pool {}", role.wireName(), job.id(), poolId);
    return job;
  }

  /**
   * Waits up to {@code wait} for a queued job of the agent's pool, one of {@code roles} and
   * tags the agent has, for which this agent is the least loaded of the waiting agents, and
   * offers it to the agent under a new lease. The poll ends empty when the agent is disabled
   * or removed while it waits.
   *
   * @return the offer, or empty when the wait ended with no job
   */
  public Optional<JobOffer> next(Agent agent, Set<Role> roles, Duration wait)
      throws InterruptedException {
    return next(agent, null, roles, wait);
  }

  /**
   * Waits for a job as {@link #next(Agent, Set, Duration)} does, for the agent process
   * {@code instance}, whose polls {@link #endPolls} ends.
   *
   * @param instance the process's instance id, or null when it sent none
   */
  public Optional<JobOffer> next(Agent agent, String instance, Set<Role> roles, Duration wait)
      throws InterruptedException {
    Duration capped = wait.compareTo(settings.maxPollWait()) > 0 ? settings.maxPollWait() : wait;
    long deadline = System.nanoTime() + capped.toNanos();
    Set<Role> served = new HashSet<>(roles);
    served.retainAll(agent.roles());
    synchronized (database.lock()) {
      Waiter self = new Waiter(agent, instance, Set.copyOf(served), nextSequence++);
      waiters.add(self);
      try {
        while (true) {
          if (!isEnabled(agent.id()) || ended.contains(self)) {
            return Optional.empty();
          }
          Optional<Job> chosen = chooseJob(self);
          if (chosen.isPresent()) {
            return Optional.of(offer(chosen.get(), agent));
          }
          long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
          if (remainingMillis <= 0) {
            return Optional.empty();
          }
          database.lock().wait(remainingMillis);
        }
      } finally {
        waiters.remove(self);
        ended.remove(self);
        // Another poll may have passed over a job for this one, or its choice may change now
        // that this agent has one more job.
        database.lock().notifyAll();
      }
    }
  }

  /**
   * Ends the waiting polls of an agent process that sent a goodbye request, so that no job is
   * offered to a poll whose process has stopped and would never accept it.
   */
  public void endPolls(String agentId, String instance) {
    synchronized (database.lock()) {
      for (Waiter waiter : waiters) {
        if (waiter.agent().id().equals(agentId) && instance != null
            && instance.equals(waiter.instance())) {
          ended.add(waiter);
        }
      }
      database.lock().notifyAll();
    }
  }

  /** Returns how many long polls wait in {@link #next} now. */
  public int waitingPolls() {
    synchronized (database.lock()) {
      return waiters.size();
    }
  }

  /** Returns the oldest queued job that {@code self} can take and is the preferred taker of. */
  private Optional<Job> chooseJob(Waiter self) {
    List<Job> queued = jobs.queued(self.agent().poolId(), self.roles());
    if (queued.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> load = jobs.activeJobsByAgent();
    for (Job job : queued) {
      if (!self.agent().tags().containsAll(job.requiredTags())) {
        continue;
      }
      Waiter preferred = self;
      for (Waiter other : waiters) {
        if (!other.agent().id().equals(self.agent().id()) && canTake(other, job)
            && isPreferred(other, preferred, load)) {
          preferred = other;
        }
      }
      if (preferred == self) {
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  private static boolean canTake(Waiter waiter, Job job) {
    return waiter.agent().poolId().equals(job.poolId()) && waiter.roles().contains(job.role())
        && waiter.agent().tags().containsAll(job.requiredTags());
  }

  /** Returns whether {@code a} should take a job before {@code b}: fewer jobs, then older. */
  private static boolean isPreferred(Waiter a, Waiter b, Map<String, Integer> load) {
    int loadA = load.getOrDefault(a.agent().id(), 0);
    int loadB = load.getOrDefault(b.agent().id(), 0);
    return loadA < loadB || (loadA == loadB && a.sequence() < b.sequence());
  }

  private boolean isEnabled(String agentId) {
    return agents.find(agentId).map(found -> !found.disabled()).orElse(false);
  }

  private JobOffer offer(Job job, Agent agent) {
    String leaseId = "lse_" + Secrets.newId();
    Instant acceptBy = clock.instant().plus(settings.acceptTime());
    change("offering job " + job.id(), () -> jobs.offer(job.id(), leaseId, agent.id(), acceptBy));
    log.info("Offered job {} to agent {} under lease {}", job.id(), agent.id(), leaseId);
    return new JobOffer(job.id(), leaseId, job.attempt() + 1, job.role(),
        (int) settings.leaseDuration().toSeconds(), acceptBy, job.spec());
  }

  /**
   * Confirms an offered lease: the job is running on this agent from now on. Accepting a lease
   * that is already running returns the same, so an agent may repeat the call.
   */
  public LeaseResponse accept(Agent agent, String jobId, String leaseId)
      throws UnknownJobException, LeaseLostException {
    synchronized (database.lock()) {
      Job job = currentLease(agent, jobId, leaseId);
      Instant expiresAt = clock.instant().plus(settings.leaseDuration());
      if (job.state() == JobState.OFFERED) {
        change("starting job " + jobId, () -> jobs.start(jobId, expiresAt, clock.instant()));
        log.info("Agent {} started job {} (attempt {})", agent.id(), jobId, job.attempt() + 1);
      } else {
        change("renewing the lease of job " + jobId, () -> jobs.renew(jobId, expiresAt));
      }
      return new LeaseResponse(expiresAt, job.cancelRequested());
    }
  }

  /** Extends a running job's lease and returns whether the job was cancelled. */
  public LeaseResponse renew(Agent agent, String jobId, String leaseId)
      throws UnknownJobException, LeaseLostException {
    synchronized (database.lock()) {
      Job job = currentLease(agent, jobId, leaseId);
      if (job.state() != JobState.RUNNING) {
        throw new LeaseLostException(jobId, leaseId);
      }
      Instant expiresAt = clock.instant().plus(settings.leaseDuration());
      change("renewing the lease of job " + jobId, () -> jobs.renew(jobId, expiresAt));
      return new LeaseResponse(expiresAt, job.cancelRequested());
    }
  }

  /**
   * Records a job's result. A repeat of the result already recorded for the same lease is
   * accepted without a second record; a result under a lease that lapsed is still kept while
   * no other agent has started the job.
   */
  public void complete(Agent agent, String jobId, JobResult result)
      throws UnknownJobException, LeaseLostException {
    synchronized (database.lock()) {
      Job job = jobs.find(jobId).orElseThrow(() -> new UnknownJobException(jobId));
      String leaseId = result.leaseId();
      if (job.state().isFinished()) {
        Optional<String> recorded = query(() -> jobs.resultLease(jobId));
        if (recorded.isPresent() && recorded.get().equals(leaseId)) {
          log.debug("Job {} result repeated under lease {}; kept the first", jobId, leaseId);
          return;
        }
        throw new LeaseLostException(jobId, leaseId);
      }
      boolean current = Objects.equals(job.leaseId(), leaseId)
          && Objects.equals(job.agentId(), agent.id());
      // The lease lapsed, but no other agent has started the job: the work is done, so keep
      // it, provided the caller is the agent that held that lease.
      boolean lapsedButFree = (job.state() == JobState.QUEUED
          || job.state() == JobState.OFFERED)
          && leaseId.equals(query(() -> jobs.lastLease(jobId)).orElse(null))
          && agent.id().equals(query(() -> jobs.lastAgent(jobId)).orElse(null))
          // A run cut short after the lease lapsed did not do the work.
          && result.outcome() != Outcome.CANCELLED;
      if (!current && !lapsedButFree) {
        throw new LeaseLostException(jobId, leaseId);
      }
      change("recording the result of job " + jobId,
          () -> jobs.finish(jobId, agent.id(), result, clock.instant()));
      database.lock().notifyAll();
    }
    log.info("Job {} {} on agent {}: {}", jobId, result.outcome().wireName(), agent.id(),
        result.message());
  }

  /** Stores log lines of a job that the agent holds or held the lease of. */
  public void appendLogs(Agent agent, String jobId, LogBatch batch)
      throws UnknownJobException, LeaseLostException {
    synchronized (database.lock()) {
      Job job = jobs.find(jobId).orElseThrow(() -> new UnknownJobException(jobId));
      String leaseId = batch.leaseId();
      boolean current = leaseId.equals(job.leaseId()) && agent.id().equals(job.agentId());
      boolean lapsed = leaseId.equals(query(() -> jobs.lastLease(jobId)).orElse(null))
          && agent.id().equals(query(() -> jobs.lastAgent(jobId)).orElse(null));
      boolean reported = job.state().isFinished()
          && leaseId.equals(query(() -> jobs.resultLease(jobId)).orElse(null))
          && agent.id().equals(job.agentId());
      boolean known = current || lapsed || reported;
      if (!known) {
        throw new LeaseLostException(jobId, leaseId);
      }
      jobs.appendLogs(jobId, batch.lines());
    }
  }

  /**
   * Cancels a job: a queued job ends at once; an offered or running one is flagged, and its
   * agent stops the script when it next renews the lease.
   *
   * @return the job after the change
   */
  public Job cancel(String jobId, String reason) throws UnknownJobException {
    synchronized (database.lock()) {
      Job job = jobs.find(jobId).orElseThrow(() -> new UnknownJobException(jobId));
      if (job.state() == JobState.QUEUED) {
        change("cancelling job " + jobId,
            () -> jobs.end(jobId, JobState.CANCELLED, reason, clock.instant()));
        database.lock().notifyAll();
      } else if (!job.state().isFinished()) {
        change("cancelling job " + jobId, () -> jobs.requestCancel(jobId));
      }
      log.info("Cancel requested for job {}: {}", jobId, reason);
      return jobs.find(jobId).orElseThrow();
    }
  }

  /** Waits up to {@code wait} for the job to finish and returns it as it is then. */
  public Job awaitFinished(String jobId, Duration wait)
      throws UnknownJobException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (database.lock()) {
      while (true) {
        Job job = jobs.find(jobId).orElseThrow(() -> new UnknownJobException(jobId));
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (job.state().isFinished() || remainingMillis <= 0) {
          return job;
        }
        database.lock().wait(remainingMillis);
      }
    }
  }

  /**
   * Gives running jobs a whole lease from now. Called when the tenant starts, because while it
   * was down no agent could renew, and their jobs must not count as lost for that.
   */
  public void extendLeasesAfterStart() {
    synchronized (database.lock()) {
      int extended = query(() -> jobs.extendRunningLeases(
          clock.instant().plus(settings.leaseDuration())));
      if (extended > 0) {
        log.info("Gave {} running jobs a full lease to be renewed after the restart", extended);
      }
    }
  }

  /**
   * Puts back jobs whose lease lapsed: an offer that was never accepted goes back unchanged,
   * or ends cancelled when an operator cancelled it;
   * a running job goes back while it has attempts left and fails as "agent lost" after that.
   */
  public void sweepLapsedLeases() {
    synchronized (database.lock()) {
      List<Job> lapsed = jobs.lapsedLeases(clock.instant());
      for (Job job : lapsed) {
        if (job.state() == JobState.OFFERED && job.cancelRequested()) {
          change("cancelling job " + job.id(), () -> jobs.end(job.id(), JobState.CANCELLED,
              "cancelled before agent " + job.agentId() + " accepted it", clock.instant()));
        } else if (job.state() == JobState.OFFERED) {
          change("requeueing job " + job.id(), () -> jobs.requeueUnaccepted(job.id()));
          log.info("Agent {} did not accept job {} in time; job requeued",
              job.agentId(), job.id());
        } else if (job.cancelRequested()) {
          change("cancelling job " + job.id(), () -> jobs.end(job.id(), JobState.CANCELLED,
              "cancelled; agent " + job.agentId() + " stopped renewing its lease",
              clock.instant()));
        } else if (job.attempt() < job.maxAttempts()) {
          change("requeueing job " + job.id(), () -> jobs.requeue(job.id()));
          log.warn("Lease on job {} held by agent {} lapsed on attempt {} of {}; job requeued",
              job.id(), job.agentId(), job.attempt(), job.maxAttempts());
        } else {
          String message = "agent lost: the lease of agent " + job.agentId()
              + " lapsed on attempt " + job.attempt() + " of " + job.maxAttempts()
              + ", so the job was not run again";
          change("failing job " + job.id(),
              () -> jobs.end(job.id(), JobState.FAILED, message, clock.instant()));
          log.warn("Job {} failed: {}", job.id(), message);
        }
      }
      if (!lapsed.isEmpty()) {
        database.lock().notifyAll();
      }
    }
  }

  /**
   * Fails the jobs that no agent started within their queue time-out, each with a reason that
   * names what was missing, and records a job event for each.
   */
  public void sweepQueueTimeouts() {
    synchronized (database.lock()) {
      Instant now = clock.instant();
      boolean failed = false;
      for (Job job : jobs.queuedWithDeadline()) {
        if (job.queueDeadline().isAfter(now)) {
          continue;
        }
        String reason = noAgentReason(job, now);
        change("failing job " + job.id(),
            () -> jobs.end(job.id(), JobState.FAILED, reason, now));
        events.record(Event.Kind.JOB_NO_AGENT, job.poolId(), null, job.id(),
            "job " + job.id() + " failed: " + reason, now);
        log.warn("Job {} failed: {}", job.id(), reason);
        failed = true;
      }
      if (failed) {
        database.lock().notifyAll();
      }
    }
  }

  /** Says why no agent started a job: no agent online, none with its tags, or all busy. */
  private String noAgentReason(Job job, Instant now) {
    String pool = pools.find(job.poolId()).map(Pool::name).orElse(job.poolId());
    long waited = Duration.between(job.createdAt(), job.queueDeadline()).toSeconds();
    List<Agent> members = agents.listByPool(job.poolId());
    List<Agent> online = members.stream()
        .filter(agent -> agent.state(now) == Agent.State.ONLINE)
        .filter(agent -> agent.roles().contains(job.role()))
        .collect(Collectors.toList());
    long capable = online.stream().filter(agent -> agent.canRun(job.role(), job.requiredTags()))
        .count();
    String role = job.role().wireName();
    if (online.isEmpty()) {
      long disabled = members.stream().filter(Agent::disabled).count();
      return "no online agent of pool " + pool + " serves the " + role + " role ("
          + members.size() + " enrolled, " + disabled + " disabled), so the job was not"
          + " started within " + waited + " s; start or enable an agent of this pool";
    }
    if (capable == 0) {
      return "no online agent of pool " + pool + " has tags " + job.requiredTags() + " ("
          + online.size() + " online " + role + " agents), so the job was not started within "
          + waited + " s; enroll an agent with these tags or submit the task without them";
    }
    return "no agent of pool " + pool + " started the job within " + waited + " s ("
        + capable + " online); they were busy with other jobs, so add agents or allow a"
        + " longer queue time-out";
  }

  private Job currentLease(Agent agent, String jobId, String leaseId)
      throws UnknownJobException, LeaseLostException {
    Job job = jobs.find(jobId).orElseThrow(() -> new UnknownJobException(jobId));
    if (!Objects.equals(job.leaseId(), leaseId) || !Objects.equals(job.agentId(), agent.id())) {
      throw new LeaseLostException(jobId, leaseId);
    }
    return job;
  }

  /** A change to the store that may throw {@link SQLException}. */
  private interface Change {
    void run() throws SQLException;
  }

  /** A query of the store that may throw {@link SQLException}. */
  private interface Query<T> {
    T run() throws SQLException;
  }

  private static void change(String operation, Change change) {
    try {
      change.run();
    } catch (SQLException e) {
      throw new StoreException(operation, e);
    }
  }

  private static <T> T query(Query<T> query) {
    try {
      return query.run();
    } catch (SQLException e) {
      throw new StoreException("reading a job", e);
    }
  }
}

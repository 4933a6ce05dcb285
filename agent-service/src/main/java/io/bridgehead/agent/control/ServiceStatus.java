package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.jobs.JobLoopListener;
import io.bridgehead.agent.jobs.JobSummary;
import io.bridgehead.agent.jobs.TenantLink;
import io.bridgehead.agent.update.UpdateStatus;
import io.bridgehead.wire.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The service's status: its lifecycle state, job counters, recent jobs and last error,
 * combined with the live state of the job loop. Every change is handed to the publisher as a
 * status object with a {@code change} member saying what changed, so clients need no polling.
 *
 * <p>The status object has: {@code role}, {@code module}, {@code version}, {@code state}
 * (starting, running, stopping or stopped), {@code agentId}, {@code pool}, {@code tenantUrl},
 * {@code tenantReachable}, {@code lastContact}, {@code jobsRunning},
 * {@code jobsDoneSinceStart}, {@code jobsDoneToday} (since local midnight), {@code lastError}
 * (null, or {@code message} and {@code time}), {@code update} (see {@link UpdateStatus}),
 * {@code startedAt}, {@code pid} and {@code sequence}, which grows by one per published
 * change.
 */
public final class ServiceStatus implements JobLoopListener {
  /** Lifecycle states of the service. */
  public enum State {
    STARTING, RUNNING, STOPPING, STOPPED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final ServiceControl service;
  private final Clock clock;
  private final Instant startedAt;
  private final RecentJobs recentJobs = new RecentJobs();
  /** Guards the fields below and orders published changes. */
  private final Object lock = new Object();
  private State state = State.STARTING;
  private long jobsDone;
  private long jobsDoneToday;
  private LocalDate today;
  private String lastError;
  private Instant lastErrorAt;
  private long sequence;
  private volatile Consumer<ObjectNode> publisher = status -> { };
  private volatile UpdateStatus updateStatus = new UpdateStatus(null, message -> { });

  public ServiceStatus(ServiceControl service, Clock clock) {
    this.service = service;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.today = LocalDate.now(clock);
  }

  /** Sets where status objects go on each change; the control endpoint publishes them. */
  void publishTo(Consumer<ObjectNode> value) {
    this.publisher = value;
  }

  /** Sets the source of the status's {@code update} object. */
  public void updateStatus(UpdateStatus value) {
    this.updateStatus = value;
  }

  RecentJobs recentJobs() {
    return recentJobs;
  }

  /** Records a lifecycle change and publishes it. */
  public void state(State value, String reason) {
    synchronized (lock) {
      state = value;
      publish("state", null, "the service is " + value.wireName()
          + (reason.isEmpty() ? "" : ": " + reason));
    }
  }

  /** Publishes a change that is not a lifecycle or job event, such as a configuration change. */
  public void changed(String type, String message) {
    synchronized (lock) {
      publish(type, null, message);
    }
  }

  @Override
  public void jobStarted(String jobId, Instant at) {
    recentJobs.started(jobId, at);
    synchronized (lock) {
      publish("jobStarted", jobId, "job " + jobId + " started");
    }
  }

  @Override
  public void jobEnded(JobSummary job) {
    recentJobs.ended(job);
    synchronized (lock) {
      rollDay();
      jobsDone++;
      jobsDoneToday++;
      if (job.outcome() == Outcome.FAILED || job.outcome() == Outcome.TIMED_OUT) {
        recordError("job " + job.jobId() + " " + job.outcome().wireName() + ": "
            + RecentJobs.summarize(job.message()));
      }
      publish("jobEnded", job.jobId(), "job " + job.jobId() + " "
          + job.outcome().wireName());
    }
  }

  @Override
  public void tenantReachabilityChanged(boolean reachable, String reason) {
    synchronized (lock) {
      if (!reachable) {
        recordError("tenant unreachable: " + reason);
      }
      publish("tenantReachability", null, reachable ? "the tenant is reachable again"
          : "the tenant is unreachable: " + reason);
    }
  }

  @Override
  public void tenantError(String message) {
    synchronized (lock) {
      recordError(message);
      publish("tenantError", null, message);
    }
  }

  /** Returns the status object without a {@code change} member. */
  public ObjectNode toJson() {
    synchronized (lock) {
      return snapshot();
    }
  }

  private void publish(String type, String jobId, String message) {
    sequence++;
    ObjectNode status = snapshot();
    ObjectNode change = status.putObject("change");
    change.put("type", type);
    change.put("message", message);
    if (jobId != null) {
      change.put("jobId", jobId);
    }
    // The publisher only queues frames for the connections, so it may run under the lock,
    // which keeps notifications in the order of the changes.
    publisher.accept(status);
  }

  private ObjectNode snapshot() {
    rollDay();
    AgentConfig config = service.config();
    TenantLink link = service.link();
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("role", service.role().wireName());
    status.put("module", service.role().moduleName());
    status.put("version", AgentVersion.current());
    status.put("state", state.wireName());
    status.put("agentId", config.agentId());
    status.put("pool", config.pool());
    status.put("tenantUrl", config.tenantUrl());
    status.put("dataFolder", service.dataFolder().toString());
    status.put("tenantReachable", link.isReachable());
    Instant lastContact = link.lastContact();
    status.put("lastContact", lastContact == null ? null : lastContact.toString());
    status.put("jobsRunning", service.runningJobs());
    status.put("jobsDoneSinceStart", jobsDone);
    status.put("jobsDoneToday", jobsDoneToday);
    if (lastError == null) {
      status.putNull("lastError");
    } else {
      ObjectNode error = status.putObject("lastError");
      error.put("message", lastError);
      error.put("time", lastErrorAt.toString());
    }
    status.set("update", updateStatus.toJson());
    status.put("startedAt", startedAt.toString());
    status.put("pid", ProcessHandle.current().pid());
    status.put("sequence", sequence);
    return status;
  }

  private void recordError(String message) {
    lastError = message;
    lastErrorAt = clock.instant();
  }

  private void rollDay() {
    LocalDate now = LocalDate.now(clock);
    if (!now.equals(today)) {
      today = now;
      jobsDoneToday = 0;
    }
  }
}

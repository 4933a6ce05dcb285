package io.bridgehead.agent.faults;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Enrolls automation agents into a pool and runs them as {@link AgentService} instances in
 * this JVM. {@link #close()} stops every agent it started.
 */
final class FaultAgents implements AutoCloseable {
  static final List<Role> ROLES = List.of(Role.AUTOMATION);
  /**
   * The first and the longest retry delay after a failed call, shortened for the tests from
   * the defaults of 1 s and 60 s, so that agents find a restarted tenant or a restored network
   * within about a second. The back-off keeps its jitter.
   */
  static final Duration RETRY_INITIAL = Duration.ofMillis(100);
  static final Duration RETRY_CAP = Duration.ofSeconds(1);

  private final List<AgentService> started = new ArrayList<>();

  /** Enrolls an agent with {@code key} into a new data folder and returns that folder. */
  static Path enroll(TenantConnection connection, String key, Path folder) throws IOException {
    return enroll(connection, key, List.of(), folder);
  }

  /** Enrolls an agent with tags into a new data folder and returns that folder. */
  static Path enroll(TenantConnection connection, String key, List<String> tags, Path folder)
      throws IOException {
    Enrollment.enroll(connection, key, ROLES, tags, folder);
    return folder;
  }

  /** Returns the agent id stored in a data folder. */
  static String agentId(Path folder) throws IOException {
    return AgentConfig.read(folder).agentId();
  }

  /** Returns the default settings with the short retry delays and {@code maxJobs} slots. */
  static AgentSettings settings(Path folder, int maxJobs) {
    return AgentSettings.defaults(folder).withRetry(RETRY_INITIAL, RETRY_CAP)
        .withMaxConcurrentJobs(maxJobs);
  }

  /** Starts an agent on an enrolled data folder with {@link #settings}. */
  AgentService start(Path folder, int maxJobs) throws IOException {
    return start(folder, settings(folder, maxJobs));
  }

  /** Starts an agent on an enrolled data folder. */
  AgentService start(Path folder, AgentSettings settings) throws IOException {
    AgentService agent = AgentService.start(folder, Role.AUTOMATION, settings);
    synchronized (started) {
      started.add(agent);
    }
    return agent;
  }

  /** Stops one agent now, as an operator stops its service. */
  void stop(AgentService agent) {
    synchronized (started) {
      started.remove(agent);
    }
    agent.stop();
  }

  /**
   * Stops every agent still running, several at a time. Each stop may wait up to
   * {@link AgentService#STOP_GRACE} for a running job and {@link AgentService#OUTBOX_GRACE}
   * for the outbox.
   */
  @Override
  public void close() {
    List<AgentService> agents;
    synchronized (started) {
      agents = List.copyOf(started);
      started.clear();
    }
    ExecutorService stoppers = Executors.newFixedThreadPool(8);
    agents.forEach(agent -> stoppers.execute(agent::stop));
    stoppers.shutdown();
    try {
      Duration limit = AgentService.STOP_GRACE.plus(AgentService.OUTBOX_GRACE).multipliedBy(2);
      stoppers.awaitTermination(limit.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

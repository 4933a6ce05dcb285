package io.bridgehead.agent.control;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.jobs.TenantLink;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The running service, as the control endpoint reads and changes it. */
public interface ServiceControl {
  Role role();

  Path dataFolder();

  /** Returns the rolling log file the service writes, which {@code logs.tail} reads. */
  Path logFile();

  /** Returns the enrollment the job loop runs with now. */
  AgentConfig config();

  /** Returns the limits the job loop runs with now. */
  AgentSettings settings();

  /** Returns the current job loop's view of the tenant. */
  TenantLink link();

  int runningJobs();

  /** Returns the stored credential. */
  String credential() throws IOException;

  /**
   * Stops the job loop as a normal stop does (running jobs are cancelled and report) and
   * starts a new one with the given enrollment and limits, which the caller has stored.
   *
   * @param reason why, for the log and the status notification
   * @throws IOException when the new loop cannot be made; the old one then keeps running
   */
  void restart(AgentConfig config, AgentSettings settings, String reason) throws IOException;

  /**
   * Starts repair of the installation detached, and returns its log file, or empty when the
   * service runs without an update folder, as by default.
   *
   * @throws IOException when the repair program cannot be started
   */
  default Optional<Path> startRepair() throws IOException {
    return Optional.empty();
  }

  /**
   * Waits up to {@code timeout} for every kept result and log line to reach the tenant, and
   * returns how many are still unsent.
   */
  int drainOutbox(Duration timeout) throws InterruptedException;
}

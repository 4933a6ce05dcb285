package io.bridgehead.agent.jobs;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and timing of a running agent.
 *
 * @param maxConcurrentJobs how many jobs run at once; default 2
 * @param pollWait how long the agent requests the tenant to hold a long poll; default 25 s
 * @param heartbeatInterval how often the agent reports its version and load; default 15 s
 * @param retryInitial the first back-off delay after a failed call to the tenant; default 1 s
 * @param retryCap the longest back-off delay; default 60 s
 * @param workRoot the folder under which each job gets its private run folder
 * @param ipcDirectory the folder of the service's local control socket, or null to run
 *     without a control endpoint (the default, so that tests can start many agents in one
 *     JVM); Windows ignores the folder and uses a named pipe
 * @param updatesDirectory the installation's update folder ({@code <data>/updates}), or null
 *     when the service installs no updates (the default)
 * @param maxPackageSize the largest release package the service downloads, in bytes; default
 *     {@value #DEFAULT_MAX_PACKAGE_SIZE} (256 MiB)
 */
public record AgentSettings(
    int maxConcurrentJobs,
    Duration pollWait,
    Duration heartbeatInterval,
    Duration retryInitial,
    Duration retryCap,
    Path workRoot,
    Path ipcDirectory,
    Path updatesDirectory,
    long maxPackageSize) {

  /** The default of {@link #maxPackageSize}, 256 MiB, the tenant's default limit too. */
  public static final long DEFAULT_MAX_PACKAGE_SIZE = 256L * 1024 * 1024;

  /** Makes settings without updates. */
  public AgentSettings(int maxConcurrentJobs, Duration pollWait, Duration heartbeatInterval,
      Duration retryInitial, Duration retryCap, Path workRoot, Path ipcDirectory) {
    this(maxConcurrentJobs, pollWait, heartbeatInterval, retryInitial, retryCap, workRoot,
        ipcDirectory, null, DEFAULT_MAX_PACKAGE_SIZE);
  }

  /** Makes settings without a control endpoint and without updates. */
  public AgentSettings(int maxConcurrentJobs, Duration pollWait, Duration heartbeatInterval,
      Duration retryInitial, Duration retryCap, Path workRoot) {
    this(maxConcurrentJobs, pollWait, heartbeatInterval, retryInitial, retryCap, workRoot,
        null);
  }

  public static AgentSettings defaults(Path dataFolder) {
    return new AgentSettings(2, Duration.ofSeconds(25), Duration.ofSeconds(15),
        Duration.ofSeconds(1), Duration.ofSeconds(60), dataFolder.resolve("work"), null);
  }

  public AgentSettings withRetry(Duration initial, Duration cap) {
    return new AgentSettings(maxConcurrentJobs, pollWait, heartbeatInterval, initial, cap,
        workRoot, ipcDirectory, updatesDirectory, maxPackageSize);
  }

  public AgentSettings withMaxConcurrentJobs(int value) {
    return new AgentSettings(value, pollWait, heartbeatInterval, retryInitial, retryCap,
        workRoot, ipcDirectory, updatesDirectory, maxPackageSize);
  }

  public AgentSettings withPollWait(Duration value) {
    return new AgentSettings(maxConcurrentJobs, value, heartbeatInterval, retryInitial,
        retryCap, workRoot, ipcDirectory, updatesDirectory, maxPackageSize);
  }

  public AgentSettings withHeartbeatInterval(Duration value) {
    return new AgentSettings(maxConcurrentJobs, pollWait, value, retryInitial, retryCap,
        workRoot, ipcDirectory, updatesDirectory, maxPackageSize);
  }

  /** Returns these settings with a control endpoint in {@code directory}, or none for null. */
  public AgentSettings withIpcDirectory(Path directory) {
    return new AgentSettings(maxConcurrentJobs, pollWait, heartbeatInterval, retryInitial,
        retryCap, workRoot, directory, updatesDirectory, maxPackageSize);
  }

  /** Returns these settings with updates in {@code directory}, or without updates for null. */
  public AgentSettings withUpdatesDirectory(Path directory) {
    return new AgentSettings(maxConcurrentJobs, pollWait, heartbeatInterval, retryInitial,
        retryCap, workRoot, ipcDirectory, directory, maxPackageSize);
  }

  public AgentSettings withMaxPackageSize(long bytes) {
    return new AgentSettings(maxConcurrentJobs, pollWait, heartbeatInterval, retryInitial,
        retryCap, workRoot, ipcDirectory, updatesDirectory, bytes);
  }
}

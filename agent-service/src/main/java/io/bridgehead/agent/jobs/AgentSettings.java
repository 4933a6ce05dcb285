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
 */
public record AgentSettings(
    int maxConcurrentJobs,
    Duration pollWait,
    Duration heartbeatInterval,
    Duration retryInitial,
    Duration retryCap,
    Path workRoot,
    Path ipcDirectory) {

  /** Makes settings without a control endpoint. */
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
        workRoot, ipcDirectory);
  }

  public AgentSettings withMaxConcurrentJobs(int value) {
    return new AgentSettings(value, pollWait, heartbeatInterval, retryInitial, retryCap,
        workRoot, ipcDirectory);
  }

  public AgentSettings withPollWait(Duration value) {
    return new AgentSettings(maxConcurrentJobs, value, heartbeatInterval, retryInitial,
        retryCap, workRoot, ipcDirectory);
  }

  /** Returns these settings with a control endpoint in {@code directory}, or none for null. */
  public AgentSettings withIpcDirectory(Path directory) {
    return new AgentSettings(maxConcurrentJobs, pollWait, heartbeatInterval, retryInitial,
        retryCap, workRoot, directory);
  }
}

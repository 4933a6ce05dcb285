package io.bridgehead.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The trivial sh task that the benchmarks queue: it writes the time its script started, as
 * epoch nanoseconds read with {@code date +%s%N}, as the task's result. It needs a
 * {@code date} that prints nanoseconds (GNU coreutils).
 */
final class StartTimeTask {
  /** Writes the script's start time, as epoch nanoseconds, as the task's result. */
  static final String SCRIPT =
      "printf '{\"startedNanos\": %s}\\n' \"$(date +%s%N)\" > \"$BRIDGEHEAD_RESULT\"\n";
  /** The task: {@link #SCRIPT} under sh, no variables, 30 s time limit, 64 KiB output cap. */
  static final TaskSpec TASK =
      new TaskSpec(ScriptShell.SH, SCRIPT, Map.of(), Set.of(), 30, 64 * 1024);

  private StartTimeTask() {}

  /**
   * Returns the epoch nanoseconds the script wrote as its result.
   *
   * @throws TaskFailedException when the job did not succeed or its result contains no start time
   */
  static long scriptStartNanos(JobView job) throws TaskFailedException {
    if (!job.state().equals("succeeded")) {
      String errorOutput = job.errorOutput() == null || job.errorOutput().isBlank() ? ""
          : "; its standard error: " + job.errorOutput().strip();
      throw new TaskFailedException("job " + job.id() + " " + job.state() + ": "
          + job.message() + errorOutput);
    }
    JsonNode started = job.result() == null ? null : job.result().get("startedNanos");
    if (started == null || !started.canConvertToLong() || started.asLong() <= 0) {
      throw new TaskFailedException("job " + job.id() + " returned " + job.result()
          + " instead of {\"startedNanos\": EPOCH_NANOSECONDS}; the agent's date must support"
          + " %N (GNU coreutils)");
    }
    return started.asLong();
  }

  static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}

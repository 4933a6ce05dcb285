package io.bridgehead.launcher;

import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AdminException;
import io.bridgehead.tenant.admin.JobView;
import java.io.IOException;
import java.time.Duration;

/** Waits for a job to finish by asking the tenant to hold each request until it does. */
final class TaskWaiter {
  /** The maximum single wait requested of the tenant, below common proxy idle time-outs. */
  private static final Duration STEP = Duration.ofSeconds(25);
  /** The pause before asking again when the tenant could not be reached. */
  private static final Duration RETRY_DELAY = Duration.ofSeconds(2);

  private TaskWaiter() {}

  /**
   * Returns the job once finished, or as it is when {@code wait} has passed in full. The
   * tenant waits in whole seconds only, so a remainder under a second is slept here before
   * one last request that does not wait.
   */
  static JobView await(AdminClient admin, String jobId, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
      if (remaining.toSeconds() < 1) {
        break;
      }
      Duration step = remaining.compareTo(STEP) < 0 ? remaining : STEP;
      JobView job;
      try {
        job = admin.job(jobId, Duration.ofSeconds(step.toSeconds()));
      } catch (AdminException e) {
        if (e.status() != 0) {
          throw e;
        }
        // The tenant is restarting or unreachable for a moment: the job lives on there, so
        // keep asking until the wait is over.
        Thread.sleep(Math.min(RETRY_DELAY.toMillis(), remaining.toMillis()));
        continue;
      }
      if (job.finished()) {
        return job;
      }
    }
    long remainingNanos = deadline - System.nanoTime();
    if (remainingNanos > 0) {
      Thread.sleep(remainingNanos / 1_000_000, (int) (remainingNanos % 1_000_000));
    }
    return admin.job(jobId, Duration.ZERO);
  }
}

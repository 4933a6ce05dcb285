package io.bridgehead.launcher;

import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import java.io.IOException;
import java.time.Duration;

/** Waits for a job to finish by asking the tenant to hold each request until it does. */
final class TaskWaiter {
  /** The longest single wait asked of the tenant, below common proxy idle time-outs. */
  private static final Duration STEP = Duration.ofSeconds(25);

  private TaskWaiter() {}

  /** Returns the job once finished, or as it is when {@code wait} runs out. */
  static JobView await(AdminClient admin, String jobId, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long remaining = deadline - System.nanoTime();
      Duration step = Duration.ofNanos(Math.max(0, Math.min(remaining, STEP.toNanos())));
      JobView job = admin.job(jobId, Duration.ofSeconds(Math.max(0, step.toSeconds())));
      if (job.finished() || System.nanoTime() >= deadline || step.toSeconds() == 0) {
        return job;
      }
    }
  }
}

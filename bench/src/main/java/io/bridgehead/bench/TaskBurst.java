package io.bridgehead.bench;

import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits many {@link StartTimeTask} tasks to one pool from several threads at once, as fast
 * as the admin API takes them, then waits for all of them to finish.
 */
final class TaskBurst {
  /** Wait requested of one admin API long poll for a finished job. */
  private static final Duration POLL_WAIT = Duration.ofSeconds(20);
  /** The longest wait for the next job to finish; a longer one fails the burst as stalled. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  /**
   * A task as submitted.
   *
   * @param jobId the job's id
   * @param submitEpochNanos the wall-clock time just before its submit call, in epoch
   *     nanoseconds
   */
  record Submitted(String jobId, long submitEpochNanos) {}

  /**
   * The tasks of one burst.
   *
   * @param submitted the tasks, ordered by submit time
   * @param submitNanos the time from the first submit call to the return of the last one, by
   *     {@link System#nanoTime()}
   */
  record Submission(List<Submitted> submitted, long submitNanos) {}

  private TaskBurst() {}

  /**
   * Submits {@code count} tasks to {@code pool} from {@code threads} threads, each thread
   * submitting its next task as soon as the admin API returns the previous one.
   *
   * @throws IOException when a submit call fails; the other threads stop after their current
   *     call
   */
  static Submission submit(AdminClient admin, String pool, int count, int threads)
      throws IOException, InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();
    ExecutorService submitters = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<Void>> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        workers.add(submitters.submit(() -> {
          while (next.getAndIncrement() < count && !Thread.currentThread().isInterrupted()) {
            long submitEpochNanos = StartTimeTask.epochNanos(Instant.now());
            JobView job = admin.submit(new SubmitTaskRequest(pool, StartTimeTask.TASK, 1));
            submitted.add(new Submitted(job.id(), submitEpochNanos));
          }
          return null;
        }));
      }
      for (Future<Void> worker : workers) {
        awaitWorker(worker);
      }
    } finally {
      submitters.shutdownNow();
    }
    long submitNanos = System.nanoTime() - start;
    List<Submitted> ordered = new ArrayList<>(submitted);
    ordered.sort(Comparator.comparingLong(Submitted::submitEpochNanos));
    return new Submission(ordered, submitNanos);
  }

  private static void awaitWorker(Future<Void> worker) throws IOException, InterruptedException {
    try {
      worker.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("a submitter thread failed: " + e.getCause(),
          e.getCause());
    }
  }

  /**
   * Waits for every submitted task to finish, in submit order, and returns the finished jobs in
   * that order.
   *
   * @throws TaskFailedException when no further task finished for 60 s
   */
  static List<JobView> awaitFinished(AdminClient admin, List<Submitted> submitted)
      throws IOException, TaskFailedException {
    List<JobView> finished = new ArrayList<>(submitted.size());
    long lastProgress = System.nanoTime();
    for (Submitted task : submitted) {
      // Each pass of this loop waits up to POLL_WAIT, and the loop ends by STALL_LIMIT.
      while (true) {
        JobView job = admin.job(task.jobId(), POLL_WAIT);
        if (job.finished()) {
          finished.add(job);
          lastProgress = System.nanoTime();
          break;
        }
        if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
          throw new TaskFailedException("job " + task.jobId() + " is still " + job.state()
              + " and no task finished in the last " + STALL_LIMIT.toSeconds() + " s, with "
              + finished.size() + " of " + submitted.size() + " finished; check the agents'"
              + " warnings on standard error");
        }
      }
    }
    return finished;
  }
}

package io.bridgehead.agent.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.jobs.Backoff;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps job results and log lines on disk until the tenant acknowledges them, and sends them
 * from one thread in the order they were added.
 *
 * <p>When the disk refuses a write, the item is still queued in memory, so it is sent while
 * the agent runs, and {@link #writeError()} says why the outbox is not durable. The job loop
 * takes no new job until a later write succeeds. An item the tenant rejects for good is
 * dropped with a warning, except a result rejected as invalid or too large: that is replaced
 * once by a small failed result that carries the tenant's reason, so that the job ends
 * rather than running again when its lease lapses.
 *
 * <p>Usage: {@link #open}, {@link #start(Delivery)}, {@code append...}, {@link #close()}.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final OutboxStore store;
  private final Deque<OutboxItem> queue = new ArrayDeque<>();
  private final AtomicReference<String> writeError = new AtomicReference<>();
  private final Duration retryInitial;
  private final Duration retryCap;
  private long nextSequence;
  private Delivery delivery;
  private Thread sender;
  private boolean closed;

  private Outbox(OutboxStore store, List<OutboxItem> kept, Duration retryInitial,
      Duration retryCap) {
    this.store = store;
    this.queue.addAll(kept);
    this.nextSequence = kept.isEmpty() ? 1 : kept.get(kept.size() - 1).sequence() + 1;
    this.retryInitial = retryInitial;
    this.retryCap = retryCap;
  }

  /** Opens the outbox in {@code folder}, loading what an earlier run left unsent. */
  public static Outbox open(Path folder, Duration retryInitial, Duration retryCap)
      throws IOException {
    OutboxStore store = new OutboxStore(folder);
    List<OutboxItem> kept = store.load();
    if (!kept.isEmpty()) {
      log.info("Outbox {} holds {} unsent items from an earlier run; sending them", folder,
          kept.size());
    }
    return new Outbox(store, kept, retryInitial, retryCap);
  }

  /** Starts sending through {@code delivery}; a second call replaces the delivery. */
  public synchronized void start(Delivery newDelivery) {
    this.delivery = newDelivery;
    if (sender == null) {
      sender = new Thread(this::sendLoop, "agent-outbox-sender");
      sender.setDaemon(true);
      sender.start();
    }
    notifyAll();
  }

  /** Keeps a batch of a job's log lines for delivery. */
  public void appendLogs(String jobId, LogBatch batch) {
    append(jobId, OutboxItem.Kind.LOGS, Json.mapper().valueToTree(batch));
  }

  /** Keeps a job's result for delivery, trimmed to fit the tenant's request limit. */
  public void appendResult(String jobId, JobResult result) {
    append(jobId, OutboxItem.Kind.RESULT, Json.mapper().valueToTree(ResultSizing.fit(result)));
  }

  private void append(String jobId, OutboxItem.Kind kind, JsonNode body) {
    OutboxItem item;
    synchronized (this) {
      item = new OutboxItem(nextSequence++, jobId, kind, body, false);
      queue.addLast(item);
      notifyAll();
    }
    try {
      store.write(item);
      if (writeError.getAndSet(null) != null) {
        log.info("Outbox {} is writable again", store.folder());
      }
    } catch (IOException e) {
      String reason = "cannot write the outbox in " + store.folder() + ": " + e;
      if (writeError.getAndSet(reason) == null) {
        log.error("{}; the {} of job {} is kept in memory only, and the agent takes no new"
            + " job until the outbox can be written", reason, describe(kind), jobId);
      }
    }
  }

  /**
   * Returns why the last write failed, or null when the outbox is durable. A successful
   * {@link #probe()} or write clears it.
   */
  public String writeError() {
    return writeError.get();
  }

  /** Tries a write in the outbox folder and returns whether it worked. */
  public boolean probe() {
    try {
      store.probe();
      if (writeError.getAndSet(null) != null) {
        log.info("Outbox {} is writable again", store.folder());
      }
      return true;
    } catch (IOException e) {
      writeError.compareAndSet(null, "cannot write the outbox in " + store.folder() + ": " + e);
      return false;
    }
  }

  /** Returns how many items wait to be sent. */
  public synchronized int pending() {
    return queue.size();
  }

  /** Waits up to {@code timeout} for every item to be sent; returns whether they were. */
  public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!queue.isEmpty()) {
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0) {
        return false;
      }
      wait(remainingMillis);
    }
    return true;
  }

  /** Stops sending; what is unsent stays on disk for the next start. */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      closed = true;
      thread = sender;
      notifyAll();
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void sendLoop() {
    Backoff backoff = new Backoff(retryInitial, retryCap);
    while (true) {
      OutboxItem item;
      Delivery current;
      synchronized (this) {
        while (!closed && (queue.isEmpty() || delivery == null)) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        item = queue.peekFirst();
        current = delivery;
      }
      OutboxItem next = sendOne(current, item);
      if (next == item) {
        if (!pause(backoff.nextDelay())) {
          return;
        }
        continue;
      }
      backoff.reset();
      replaceHead(item, next);
    }
  }

  /**
   * Sends one item. Returns null when the item is done with (acknowledged or dropped), a
   * replacement item to send instead, or the same item to try again later.
   */
  private OutboxItem sendOne(Delivery current, OutboxItem item) {
    try {
      current.send(item);
      return null;
    } catch (TenantException e) {
      if (!e.isPermanent()) {
        log.warn("Tenant failed to take the {} of job {}: {}; retrying", describe(item),
            item.jobId(), e.getMessage());
        return item;
      }
      return rejected(item, e);
    } catch (IOException e) {
      return item;
    } catch (RuntimeException e) {
      log.error("Sending the {} of job {} failed; retrying", describe(item), item.jobId(), e);
      return item;
    }
  }

  private OutboxItem rejected(OutboxItem item, TenantException e) {
    boolean stale = e.status() == 409 || e.status() == 404
        || AgentApi.LEASE_LOST.equals(e.code());
    if (item.kind() == OutboxItem.Kind.RESULT && !stale && !item.fallback()) {
      log.warn("Tenant rejected the result of job {}: {}; sending a failed result instead",
          item.jobId(), e.getMessage());
      return new OutboxItem(item.sequence(), item.jobId(), item.kind(),
          minimalFailure(item.body(), e.getMessage()), true);
    }
    log.warn("Tenant rejected the {} of job {}: {}; dropping it", describe(item),
        item.jobId(), e.getMessage());
    return null;
  }

  private static JsonNode minimalFailure(JsonNode original, String reason) {
    JobResult source = Json.mapper().convertValue(original, JobResult.class);
    JobResult failure = new JobResult(source.leaseId(), Outcome.FAILED, source.exitCode(), null,
        "", "", true, "the tenant rejected the job's result, so its output is lost: " + reason,
        source.startedAt(), source.finishedAt());
    return Json.mapper().valueToTree(failure);
  }

  private void replaceHead(OutboxItem sent, OutboxItem replacement) {
    try {
      if (replacement == null) {
        store.delete(sent);
      } else {
        store.write(replacement);
      }
    } catch (IOException e) {
      log.warn("Could not update outbox file of job {}: {}", sent.jobId(), e.toString());
    }
    synchronized (this) {
      queue.pollFirst();
      if (replacement != null) {
        queue.addFirst(replacement);
      }
      notifyAll();
    }
  }

  private static String describe(OutboxItem item) {
    return describe(item.kind());
  }

  private static String describe(OutboxItem.Kind kind) {
    return kind == OutboxItem.Kind.LOGS ? "log lines" : "result";
  }

  private static boolean pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}

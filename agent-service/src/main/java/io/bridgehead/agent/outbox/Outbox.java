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
 * the agent runs, and {@link #writeError()} gives the reason the outbox is not durable. The
 * job loop takes no new job until a later write succeeds. An item the tenant rejects for good is
 * dropped with a warning, except a result rejected as invalid or too large: that is replaced
 * once by a small failed result that carries the tenant's reason, so that the job ends
 * rather than running again when its lease lapses.
 *
 * <p>Usage: {@link #open}, {@link #start(Delivery)}, {@code append...}, {@link #close()}.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  /**
   * Tries of one item that the tenant rejected with errors or that failed inside the agent,
   * after which the item is set aside so that it does not block every later one. Tries that
   * got no response do not count.
   */
  static final int MAX_FAILURES_OF_ONE_ITEM = 50;

  private final OutboxStore store;
  private final Deque<OutboxItem> queue = new ArrayDeque<>();
  private final AtomicReference<String> writeError = new AtomicReference<>();
  private final Duration retryInitial;
  private final Duration retryCap;
  private final Object appendLock = new Object();
  private long nextSequence;
  private Delivery delivery;
  /** True when the sender's last try got no response; used by the sender thread only. */
  private boolean lastTryUnanswered;
  /** True while the sender waits out a back-off delay; guarded by this. */
  private boolean backingOff;
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
      log.info("Outbox {} contains {} unsent items from an earlier run; sending them", folder,
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

  /**
   * Keeps a job's result for delivery, trimmed to fit the tenant's request limit.
   *
   * @return the item's sequence number, for {@link #awaitSent(long, Duration)}
   */
  public long appendResult(String jobId, JobResult result) {
    return append(jobId, OutboxItem.Kind.RESULT,
        Json.mapper().valueToTree(ResultSizing.fit(result)));
  }

  /**
   * Writes the item, then queues it. One lock covers both, so the queue stays in sequence
   * order and the sender never sends (and deletes) an item whose file is not written yet.
   */
  private long append(String jobId, OutboxItem.Kind kind, JsonNode body) {
    synchronized (appendLock) {
      OutboxItem item;
      synchronized (this) {
        item = new OutboxItem(nextSequence++, jobId, kind, body, false);
      }
      try {
        store.write(item);
        if (writeError.getAndSet(null) != null) {
          log.info("Outbox {} is writable again", store.folder());
        }
      } catch (IOException e) {
        String reason = "cannot write the outbox in " + store.folder() + ": " + e;
        if (writeError.getAndSet(reason) == null) {
          log.error("{}; the {} of job {} stays in memory only, and the agent takes no new"
              + " job until the outbox can be written", reason, describe(kind), jobId);
        }
      }
      synchronized (this) {
        queue.addLast(item);
        notifyAll();
      }
      return item.sequence();
    }
  }

  /**
   * Waits up to {@code timeout} until the item with {@code sequence} and every item before it
   * left the outbox, and returns whether they did.
   */
  public synchronized boolean awaitSent(long sequence, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!queue.isEmpty() && queue.peekFirst().sequence() <= sequence) {
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0) {
        return false;
      }
      wait(remainingMillis);
    }
    return true;
  }

  /**
   * Tells the sender that the tenant responded to another call, so that a sender waiting out its
   * back-off tries again at once.
   */
  public synchronized void tenantReachable() {
    if (backingOff) {
      backingOff = false;
      notifyAll();
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
    int failuresOfHead = 0;
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
      OutboxItem next;
      try {
        next = sendOne(current, item);
      } catch (RuntimeException e) {
        log.error("Sending the {} of job {} failed inside the agent", describe(item),
            item.jobId(), e);
        next = item;
      }
      if (next != item) {
        failuresOfHead = 0;
        backoff.reset();
        replaceHead(item, next);
        continue;
      }
      if (!lastTryUnanswered && ++failuresOfHead >= MAX_FAILURES_OF_ONE_ITEM) {
        log.error("Giving up on the {} of job {} after {} failed tries; it is kept in {} for"
            + " an operator", describe(item), item.jobId(), failuresOfHead, store.folder());
        setAside(item);
        failuresOfHead = 0;
        continue;
      }
      if (!pause(backoff.nextDelay())) {
        return;
      }
    }
  }

  /**
   * Sends one item. Returns null when the item is done with (acknowledged or dropped), a
   * replacement item to send instead, or the same item to try again later.
   */
  private OutboxItem sendOne(Delivery current, OutboxItem item) {
    lastTryUnanswered = false;
    try {
      current.send(item);
      return null;
    } catch (TenantException e) {
      return rejected(item, e);
    } catch (IOException e) {
      // No response: the tenant or the network is down, which shows nothing about the item.
      lastTryUnanswered = true;
      return item;
    }
  }

  /**
   * Decides what to do with an item the tenant rejected. Only a rejection of the item itself
   * ends it: {@code lease_lost} or {@code not_found} means the job is no longer this agent's
   * to report, and 400, 413 or 422 means the item is invalid. Any other status, for example
   * 401 or 403 after a credential change, 407 from a proxy, or 409 {@code agent_cloned} while
   * a crashed predecessor still counts as active, keeps the item for another try.
   */
  private OutboxItem rejected(OutboxItem item, TenantException e) {
    boolean stale = AgentApi.LEASE_LOST.equals(e.code()) || "not_found".equals(e.code());
    boolean invalid = !e.code().isEmpty()
        && (e.status() == 400 || e.status() == 413 || e.status() == 422);
    if (!stale && !invalid) {
      log.warn("Tenant did not take the {} of job {}: {}; keeping it and trying again",
          describe(item), item.jobId(), e.getMessage());
      return item;
    }
    if (invalid && item.kind() == OutboxItem.Kind.RESULT && !item.fallback()) {
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

  /** Waits out a back-off delay, ended early by {@link #tenantReachable()} or close. */
  private synchronized boolean pause(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    backingOff = true;
    try {
      while (backingOff && !closed) {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
          break;
        }
        wait(remainingMillis);
      }
      return !closed;
    } catch (InterruptedException e) {
      return false;
    } finally {
      backingOff = false;
    }
  }

  private void setAside(OutboxItem item) {
    try {
      store.setAside(item);
    } catch (IOException e) {
      log.warn("Could not set aside the outbox file of job {}: {}", item.jobId(), e.toString());
    }
    synchronized (this) {
      queue.pollFirst();
      notifyAll();
    }
  }
}

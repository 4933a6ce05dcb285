package io.bridgehead.agent.jobs;

import io.bridgehead.agent.script.OutputStreamKind;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.LogLine;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's output lines to the tenant in batches while the job runs, and the rest after
 * it ends. A batch goes out on every flush tick and as soon as a full batch is waiting. A batch
 * that fails stays queued for the next flush. The tenant skips sequence numbers it has stored
 * already, so a repeated batch is harmless.
 *
 * <p>NOTE: queued lines live in memory only, so lines not yet sent when the agent process dies
 * are lost; the job's result still carries its capped output.
 */
final class LogShipper {
  private static final Logger log = LoggerFactory.getLogger(LogShipper.class);
  /**
   * The maximum number of lines queued; later lines are counted and dropped. The script host
   * passes on only lines within the task's output cap, so this bounds memory for scripts that
   * write many short lines faster than the tenant takes them.
   */
  static final int MAX_QUEUED_LINES = 50_000;
  /** The maximum number of lines in one request. */
  static final int MAX_BATCH_LINES = 2_000;
  /** The maximum number of characters of text in one request, well below the tenant's limit. */
  static final int MAX_BATCH_CHARS = 1024 * 1024;

  private final TenantClient client;
  private final String jobId;
  private final String leaseId;
  private final Executor flusher;
  private final List<LogLine> queued = new ArrayList<>();
  /** Held while sending, so that two flushes never send or remove the same lines. */
  private final Object sendLock = new Object();
  private long nextSequence;
  private long dropped;
  private boolean finished;
  private boolean earlyFlushPending;

  LogShipper(TenantClient client, String jobId, String leaseId, Executor flusher) {
    this.client = client;
    this.jobId = jobId;
    this.leaseId = leaseId;
    this.flusher = flusher;
  }

  /** Queues one line; called from the script's reader threads. */
  void add(OutputStreamKind stream, String text) {
    boolean flushNow;
    synchronized (this) {
      if (finished) {
        return;
      }
      if (queued.size() >= MAX_QUEUED_LINES) {
        dropped++;
        return;
      }
      queued.add(new LogLine(nextSequence++, Instant.now(),
          stream.name().toLowerCase(Locale.ROOT), text));
      flushNow = queued.size() >= MAX_BATCH_LINES && !earlyFlushPending;
      earlyFlushPending |= flushNow;
    }
    if (flushNow) {
      try {
        flusher.execute(this::flush);
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          earlyFlushPending = false;
        }
      }
    }
  }

  /**
   * Sends the queued lines in batches.
   *
   * @return true when no line is left to send
   */
  boolean flush() {
    synchronized (sendLock) {
      synchronized (this) {
        earlyFlushPending = false;
      }
      while (true) {
        List<LogLine> batch = nextBatch();
        if (batch.isEmpty()) {
          return true;
        }
        if (!send(batch)) {
          return false;
        }
        synchronized (this) {
          queued.subList(0, batch.size()).clear();
        }
      }
    }
  }

  /** Stops taking lines and queues a note of how many were dropped, if any. */
  void finish() {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      if (dropped > 0) {
        queued.add(new LogLine(nextSequence++, Instant.now(), "agent", dropped
            + " log lines were dropped because the script wrote them faster than the tenant"
            + " took them; the job's result holds the output up to its cap"));
      }
    }
  }

  private synchronized List<LogLine> nextBatch() {
    List<LogLine> batch = new ArrayList<>();
    long chars = 0;
    for (LogLine line : queued) {
      if (batch.size() == MAX_BATCH_LINES
          || (!batch.isEmpty() && chars + line.text().length() > MAX_BATCH_CHARS)) {
        break;
      }
      batch.add(line);
      chars += line.text().length();
    }
    return batch;
  }

  /** Sends a batch; returns false when it should be sent again later. */
  private boolean send(List<LogLine> batch) {
    try {
      client.sendLogs(jobId, new LogBatch(leaseId, batch));
      return true;
    } catch (TenantException e) {
      if (e.isPermanent()) {
        log.warn("Tenant rejected {} log lines of job {}: {}; dropping them", batch.size(),
            jobId, e.getMessage());
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.bridgehead.agent.jobs;

import io.bridgehead.agent.outbox.Outbox;
import io.bridgehead.agent.script.OutputStreamKind;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Collects a job's output lines and hands them to the outbox in batches: on every flush tick
 * (500 ms), and as soon as a full batch is waiting. Lines wait in memory until the next flush,
 * so a crash loses those; the job's result still carries its capped output. The tenant skips
 * sequence numbers it has stored already, so a repeated batch is harmless.
 */
final class LogShipper {
  /**
   * The maximum number of lines queued; later lines are counted and dropped. The script host
   * passes on only lines within the task's output cap, so this bounds memory for scripts that
   * write many short lines faster than the tenant takes them.
   */
  static final int MAX_QUEUED_LINES = 50_000;
  /** The maximum number of lines in one request. */
  static final int MAX_BATCH_LINES = 2_000;
  /**
   * The maximum number of characters of text in one request: 1 Mi characters encode to at most
   * 6 MiB of JSON, below the reference tenant's 16 MiB request limit.
   */
  static final int MAX_BATCH_CHARS = 1024 * 1024;
  /** The span of sequence numbers each attempt of a job has for its lines. */
  static final long SEQUENCES_PER_ATTEMPT = 1_000_000_000L;
  /** Longer lines are split, so that one line always fits a batch. */
  static final int MAX_LINE_CHARS = 256 * 1024;

  private final Outbox outbox;
  private final String jobId;
  private final String leaseId;
  private final Executor flusher;
  private final List<LogLine> queued = new ArrayList<>();
  /** Held while flushing, so that two flushes never hand over or remove the same lines. */
  private final Object sendLock = new Object();
  private long nextSequence;
  private long dropped;
  private boolean finished;
  private boolean earlyFlushPending;

  /**
   * Makes a shipper for one attempt of a job. Each attempt numbers its lines from
   * {@code (attempt - 1) * 10^9}, so that the tenant, which keeps the first line it gets for
   * each number, never takes one attempt's lines for another's.
   */
  LogShipper(Outbox outbox, String jobId, String leaseId, int attempt, Executor flusher) {
    this.nextSequence = Math.max(0, attempt - 1) * SEQUENCES_PER_ATTEMPT;
    this.outbox = outbox;
    this.jobId = jobId;
    this.leaseId = leaseId;
    this.flusher = flusher;
  }

  /** Queues one line, split when it is very long; called from the script's reader threads. */
  void add(OutputStreamKind stream, String text) {
    String name = stream.name().toLowerCase(Locale.ROOT);
    int start = 0;
    do {
      int end = Math.min(text.length(), start + MAX_LINE_CHARS);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      addLine(name, text.substring(start, end));
      start = end;
    } while (start < text.length());
  }

  private void addLine(String stream, String text) {
    boolean flushNow;
    synchronized (this) {
      if (finished) {
        return;
      }
      if (queued.size() >= MAX_QUEUED_LINES) {
        dropped++;
        return;
      }
      queued.add(new LogLine(nextSequence++, Instant.now(), stream, text));
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

  /** Hands the queued lines to the outbox in batches. */
  void flush() {
    synchronized (sendLock) {
      synchronized (this) {
        earlyFlushPending = false;
      }
      while (true) {
        List<LogLine> batch = nextBatch();
        if (batch.isEmpty()) {
          return;
        }
        outbox.appendLogs(jobId, new LogBatch(leaseId, batch));
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
            + " log lines were dropped because more than " + MAX_QUEUED_LINES
            + " lines waited to be kept at once; the job's result holds the output up to"
            + " its cap"));
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

}

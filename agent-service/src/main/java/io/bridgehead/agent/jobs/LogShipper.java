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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's output lines to the tenant while it runs, in batches. Lines wait in memory
 * until the tenant takes them, and a failed batch is sent again at the next flush. The tenant
 * skips sequence numbers it has stored already, so a repeat is harmless.
 *
 * <p>NOTE: pending lines live in memory only, so lines not yet sent when the agent process
 * dies are lost; the job's result still carries its capped output.
 */
final class LogShipper {
  private static final Logger log = LoggerFactory.getLogger(LogShipper.class);
  /** Lines held while the tenant is unreachable; later lines are counted and dropped. */
  static final int MAX_PENDING_LINES = 5000;
  private static final int MAX_BATCH_LINES = 500;

  private final TenantClient client;
  private final String jobId;
  private final String leaseId;
  private final List<LogLine> pending = new ArrayList<>();
  private long nextSequence;
  private long dropped;
  private boolean stopped;

  LogShipper(TenantClient client, String jobId, String leaseId) {
    this.client = client;
    this.jobId = jobId;
    this.leaseId = leaseId;
  }

  /** Queues one line; called from the script's reader threads. */
  synchronized void add(OutputStreamKind stream, String text) {
    addLine(stream.name().toLowerCase(Locale.ROOT), text);
  }

  /** Queues a remark of the agent's own about the job. */
  synchronized void remark(String text) {
    addLine("agent", text);
  }

  private void addLine(String stream, String text) {
    if (stopped) {
      return;
    }
    if (pending.size() >= MAX_PENDING_LINES) {
      dropped++;
      return;
    }
    pending.add(new LogLine(nextSequence++, Instant.now(), stream, text));
  }

  /** Sends the pending lines in batches; keeps them for the next flush when a send fails. */
  void flush() {
    while (true) {
      List<LogLine> batch;
      synchronized (this) {
        if (pending.isEmpty()) {
          return;
        }
        batch = new ArrayList<>(pending.subList(0, Math.min(MAX_BATCH_LINES, pending.size())));
      }
      try {
        client.sendLogs(jobId, new LogBatch(leaseId, batch));
      } catch (TenantException e) {
        if (e.isPermanent()) {
          log.warn("Tenant rejected log lines of job {}: {}; dropping them", jobId,
              e.getMessage());
          synchronized (this) {
            pending.subList(0, batch.size()).clear();
          }
          continue;
        }
        return;
      } catch (IOException e) {
        return;
      }
      synchronized (this) {
        pending.subList(0, batch.size()).clear();
      }
    }
  }

  /** Stops taking lines, records how many were dropped, and sends what is left once. */
  void finish() {
    synchronized (this) {
      if (dropped > 0) {
        pending.add(new LogLine(nextSequence++, Instant.now(), "agent", dropped
            + " log lines were dropped because the tenant was unreachable while they came"));
      }
      stopped = true;
    }
    flush();
  }
}

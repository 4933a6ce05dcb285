package io.bridgehead.agent.outbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One pending delivery: a batch of a job's log lines or a job's result.
 *
 * @param sequence the position in the outbox; items are delivered in this order, so a job's
 *     log lines reach the tenant before its result
 * @param jobId the job the item belongs to
 * @param kind what {@code body} is
 * @param body the JSON of a {@code LogBatch} or a {@code JobResult}
 * @param fallback true for the small failed result that replaces a result the tenant
 *     rejected; it is not replaced again
 */
public record OutboxItem(long sequence, String jobId, Kind kind, JsonNode body,
    boolean fallback) {
  /** The kind of payload an item carries. */
  public enum Kind {
    LOGS,
    RESULT
  }
}

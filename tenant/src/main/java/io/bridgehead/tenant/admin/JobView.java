package io.bridgehead.tenant.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Role;
import java.time.Instant;
import java.util.List;

/**
 * A job as the admin API shows it.
 *
 * @param state queued, offered, running, succeeded, failed, timed_out or cancelled
 * @param agentId the agent that holds or held the job's lease, or null
 * @param result the script's structured result, or null
 * @param requiredTags tags an agent must all have to run the job; empty for none
 * @param queueDeadline when the job fails unless an agent has started it, or null for no limit
 */
public record JobView(
    String id,
    String pool,
    Role role,
    String state,
    int attempt,
    int maxAttempts,
    String agentId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    JsonNode result,
    String output,
    String errorOutput,
    boolean outputTruncated,
    String message,
    List<String> requiredTags,
    Instant queueDeadline) {

  public JobView {
    // JSON null arrives as a NullNode; keep the documented "or null".
    if (result != null && result.isNull()) {
      result = null;
    }
  }

  /** Returns true when the job has ended, whatever its outcome. */
  public boolean finished() {
    return switch (state) {
      case "succeeded", "failed", "timed_out", "cancelled" -> true;
      default -> false;
    };
  }
}

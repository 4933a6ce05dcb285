package io.bridgehead.tenant.store;

import io.bridgehead.wire.Role;
import io.bridgehead.wire.TaskSpec;
import java.time.Instant;
import java.util.List;

/**
 * A job and, once finished, its result.
 *
 * @param leaseId the current lease, null while queued or finished
 * @param agentId the agent holding the lease or, once finished, the agent that ran it
 * @param resultJson the script's structured result as JSON text, or null
 * @param requiredTags tags an agent must all have to take the job, sorted; often empty
 * @param queueDeadline when the job fails unless an agent has started it, or null for no limit
 */
public record Job(
    String id,
    String poolId,
    Role role,
    TaskSpec spec,
    JobState state,
    int attempt,
    int maxAttempts,
    String leaseId,
    String agentId,
    Instant leaseExpiresAt,
    boolean cancelRequested,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    String resultJson,
    String output,
    String errorOutput,
    boolean outputTruncated,
    String message,
    List<String> requiredTags,
    Instant queueDeadline) {}

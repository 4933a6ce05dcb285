package io.bridgehead.tenant.admin;

import io.bridgehead.wire.TaskSpec;
import java.util.List;

/**
 * Body of {@code POST /admin/v1/jobs}: queue a task for a pool's automation agents.
 *
 * @param pool the pool's name, or null for the default pool
 * @param task the task
 * @param maxAttempts how many times the task may start when leases lapse; null for the
 *     tenant's default
 * @param requiredTags tags an agent must all have to run the task; null for none
 * @param queueTimeoutSeconds how long the task may wait for an agent to start it before it
 *     fails; null for the tenant's default of 1 hour
 */
public record SubmitTaskRequest(String pool, TaskSpec task, Integer maxAttempts,
    List<String> requiredTags, Long queueTimeoutSeconds) {

  /** Creates a request without required tags and with the default queue time-out. */
  public SubmitTaskRequest(String pool, TaskSpec task, Integer maxAttempts) {
    this(pool, task, maxAttempts, null, null);
  }
}

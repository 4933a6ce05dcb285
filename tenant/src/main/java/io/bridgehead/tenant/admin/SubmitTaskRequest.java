package io.bridgehead.tenant.admin;

import io.bridgehead.wire.TaskSpec;

/**
 * Body of {@code POST /admin/v1/jobs}: queue a task for a pool's automation agents.
 *
 * @param pool the pool's name
 * @param task the task
 * @param maxAttempts how many times the task may start when leases lapse; null for the
 *     tenant's default
 */
public record SubmitTaskRequest(String pool, TaskSpec task, Integer maxAttempts) {}

package io.bridgehead.tenant.admin;

import java.time.Instant;

/**
 * An operator event as the admin API lists it.
 *
 * @param kind agent_offline, agent_online, agent_cloned, agent_disabled, agent_enabled,
 *     agent_removed, job_no_agent, release_published, release_deleted, pool_version_set,
 *     pool_window_set, update_started, update_succeeded, update_failed, update_timed_out or
 *     update_retry
 * @param pool the pool's name, its id when the pool was deleted since, or null
 * @param agentId the agent involved, or null
 * @param jobId the job involved, or null
 */
public record EventView(long id, Instant at, String kind, String pool, String agentId,
    String jobId, String message) {}

package io.bridgehead.tenant.admin;

import java.time.Instant;

/**
 * An operator event as the admin API lists it.
 *
 * @param kind agent_offline, agent_online, agent_cloned, agent_disabled, agent_enabled,
 *     agent_removed or job_no_agent
 * @param pool the pool's name, its id when the pool was deleted since, or null
 * @param agentId the agent involved, or null
 * @param jobId the job involved, or null
 */
public record EventView(long id, Instant at, String kind, String pool, String agentId,
    String jobId, String message) {}

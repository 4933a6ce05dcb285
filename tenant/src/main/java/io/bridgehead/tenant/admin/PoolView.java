package io.bridgehead.tenant.admin;

import java.util.List;

/**
 * A pool as the admin API lists it.
 *
 * @param agents how many agents are enrolled in the pool
 * @param onlineAgents how many of them were in contact recently and are not disabled
 * @param unfinishedJobs queued, offered and running jobs
 * @param defaultPool true for the pool that takes tasks submitted without a pool
 * @param members the pool's agents, oldest enrollment first
 * @param targetVersion the version the pool's agents should run, or null when no update is
 *     wanted
 * @param updateWindow the days and hours, in each agent's local time, in which its agents may
 *     update, such as {@code mon-fri 01:00-05:00}; null for any time
 * @param updatingAgentId the agent that was offered the update to the target version and has not
 *     finished it yet, or null
 */
public record PoolView(String name, int agents, int onlineAgents, int unfinishedJobs,
    boolean defaultPool, List<AgentView> members, String targetVersion, String updateWindow,
    String updatingAgentId) {}

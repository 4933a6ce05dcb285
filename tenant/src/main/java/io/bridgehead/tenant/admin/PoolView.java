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
 */
public record PoolView(String name, int agents, int onlineAgents, int unfinishedJobs,
    boolean defaultPool, List<AgentView> members) {}

package io.bridgehead.tenant.admin;

/**
 * A pool as the admin API lists it.
 *
 * @param agents how many agents are enrolled in the pool
 * @param onlineAgents how many of them were in contact recently
 * @param unfinishedJobs queued, offered and running jobs
 */
public record PoolView(String name, int agents, int onlineAgents, int unfinishedJobs) {}

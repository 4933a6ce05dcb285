package io.bridgehead.wire;

/**
 * One entry of {@code GET /agent/v1/pools}: a pool an agent may move to.
 *
 * @param name the pool's name
 * @param onlineAgents how many of the pool's agents were in contact with the tenant within its
 *     offline threshold (60 s in the reference tenant)
 */
public record PoolListing(String name, int onlineAgents) {}

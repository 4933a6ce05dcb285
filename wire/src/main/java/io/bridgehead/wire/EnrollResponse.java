package io.bridgehead.wire;

/**
 * Answer to an enrollment.
 *
 * @param agentId the tenant's id for the new agent
 * @param credential the agent's bearer secret; shown once, stored by the agent, never logged
 * @param poolName the pool the key belonged to and the agent now serves
 */
public record EnrollResponse(String agentId, String credential, String poolName) {}

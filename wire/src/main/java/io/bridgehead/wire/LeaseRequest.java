package io.bridgehead.wire;

/**
 * Body of the accept and renew calls on {@code /agent/v1/jobs/{id}/...}.
 *
 * @param leaseId the lease the agent holds
 */
public record LeaseRequest(String leaseId) {}

package io.bridgehead.wire;

import java.time.Instant;

/**
 * Response to a heartbeat.
 *
 * @param poolName the pool the agent belongs to
 * @param wantedVersion the version the pool should run; equal to the agent's when no update
 *     is wanted
 * @param serverTime the tenant's clock, so an agent can report a large clock skew
 */
public record HeartbeatResponse(String poolName, String wantedVersion, Instant serverTime) {}

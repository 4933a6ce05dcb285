package io.bridgehead.wire;

import java.time.Instant;

/**
 * Response to a heartbeat. The fields after {@code serverTime} were added with the update
 * channel; tenants before it leave them out, so they are null there.
 *
 * @param poolName the pool the agent belongs to
 * @param wantedVersion the version the agent should run now. It equals the agent's own when no
 *     update is wanted, and while another agent of the pool updates first
 * @param serverTime the tenant's clock, so an agent can report a large clock skew
 * @param packageSize the size in bytes of the wanted version's package, or null when the
 *     wanted version is the agent's own
 * @param packageSha256 the SHA-256 of that package in lowercase hexadecimal, or null when the
 *     wanted version is the agent's own. The agent still checks the package's signature
 * @param updateWindow the pool's update window in the text form of {@link UpdateWindow}, in
 *     the agent's local time, or null when the agent may update at any time
 */
public record HeartbeatResponse(String poolName, String wantedVersion, Instant serverTime,
    Long packageSize, String packageSha256, String updateWindow) {

  /** Makes a response without update fields, as tenants before the update channel sent. */
  public HeartbeatResponse(String poolName, String wantedVersion, Instant serverTime) {
    this(poolName, wantedVersion, serverTime, null, null, null);
  }
}

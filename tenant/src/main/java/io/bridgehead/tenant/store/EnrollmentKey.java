package io.bridgehead.tenant.store;

import java.time.Instant;

/**
 * An enrollment key as stored: everything but the key itself, of which only a hash is kept.
 *
 * @param maxUses how many agents the key may enroll in all
 * @param usesLeft how many more agents it may enroll
 * @param revokedAt when an operator revoked it, or null
 */
public record EnrollmentKey(
    String id,
    String poolId,
    Instant createdAt,
    Instant expiresAt,
    int maxUses,
    int usesLeft,
    Instant revokedAt) {

  /** Returns whether the key would enroll an agent at {@code now}. */
  public boolean isUsable(Instant now) {
    return revokedAt == null && usesLeft > 0 && expiresAt.isAfter(now);
  }
}

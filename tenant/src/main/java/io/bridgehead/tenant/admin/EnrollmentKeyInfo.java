package io.bridgehead.tenant.admin;

import java.time.Instant;

/**
 * An enrollment key as the admin API lists it, without the key itself.
 *
 * @param uses how many agents the key may enroll in all
 * @param usesLeft how many more it may enroll
 * @param revoked true once an operator revoked it
 * @param usable true while it would enroll an agent: not revoked, not expired, uses left
 */
public record EnrollmentKeyInfo(String id, String pool, Instant createdAt, Instant expiresAt,
    int uses, int usesLeft, boolean revoked, boolean usable) {}

package io.bridgehead.tenant.admin;

import java.time.Instant;

/**
 * A new enrollment key, shown once: the tenant keeps only its hash.
 *
 * @param pool the pool the key enrolls into
 * @param enrollmentKey the key
 * @param expiresAt when the key stops working if unused
 */
public record EnrollmentKeyView(String pool, String enrollmentKey, Instant expiresAt) {}

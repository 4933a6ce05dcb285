package io.bridgehead.tenant.admin;

import java.time.Instant;

/**
 * A new enrollment key, shown once: the tenant keeps only its hash.
 *
 * @param pool the pool the key enrolls into
 * @param enrollmentKey the key
 * @param expiresAt when the key stops working if not used up
 * @param keyId the key's id, which lists and revocation use; not secret
 * @param uses how many agents the key may enroll
 * @param enrollmentString the tenant URL, the key and the certificate fingerprint in one
 *     {@link io.bridgehead.wire.EnrollmentString}; as secret as the key
 */
public record EnrollmentKeyView(String pool, String enrollmentKey, Instant expiresAt,
    String keyId, int uses, String enrollmentString) {}

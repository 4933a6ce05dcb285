package io.bridgehead.tenant.store;

import io.bridgehead.wire.release.ReleaseManifest;
import java.time.Instant;

/**
 * A published release: a signed package the tenant checked and keeps for its agents.
 *
 * @param manifest the package's signed manifest
 * @param size the archive's size in bytes
 * @param sha256 the archive's SHA-256 in lowercase hexadecimal
 */
public record Release(String version, ReleaseManifest manifest, long size, String sha256,
    Instant publishedAt) {}

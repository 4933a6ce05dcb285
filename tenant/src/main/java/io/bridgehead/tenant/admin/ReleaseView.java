package io.bridgehead.tenant.admin;

import java.time.Instant;
import java.util.List;

/**
 * A published release as the admin API lists it.
 *
 * @param size the package's size in bytes
 * @param sha256 the package's SHA-256 in lowercase hexadecimal
 * @param createdAt when the package was built, from its signed manifest
 * @param files how many files the package contains
 * @param unpackedSize the sum of the files' sizes in bytes
 * @param targetedBy the names of the pools whose target version this is
 */
public record ReleaseView(String version, long size, String sha256, Instant publishedAt,
    Instant createdAt, int files, long unpackedSize, List<String> targetedBy) {}

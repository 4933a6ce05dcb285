package io.bridgehead.tenant.store;

import java.time.Instant;

/**
 * An agent pool.
 *
 * @param isDefault true for the one pool that takes the jobs submitted without a pool
 */
public record Pool(String id, String name, Instant createdAt, boolean isDefault) {}

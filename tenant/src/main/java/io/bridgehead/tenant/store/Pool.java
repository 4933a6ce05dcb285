package io.bridgehead.tenant.store;

import java.time.Instant;

/**
 * An agent pool.
 *
 * @param isDefault true for the one pool that takes the jobs submitted without a pool
 * @param targetVersion the published version the pool's agents should run, or null when no
 *     update is wanted
 * @param updateWindow the days and hours in which its agents may update, in the text form of
 *     {@link io.bridgehead.wire.UpdateWindow}, or null for any time
 */
public record Pool(String id, String name, Instant createdAt, boolean isDefault,
    String targetVersion, String updateWindow) {}

package io.bridgehead.tenant.store;

import java.time.Instant;

/** An agent pool. */
public record Pool(String id, String name, Instant createdAt) {}

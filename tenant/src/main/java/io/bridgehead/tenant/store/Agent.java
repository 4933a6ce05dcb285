package io.bridgehead.tenant.store;

import io.bridgehead.wire.Role;
import java.time.Instant;
import java.util.List;

/** An enrolled agent, as the tenant records it. */
public record Agent(
    String id,
    String poolId,
    String hostName,
    List<Role> roles,
    String version,
    String os,
    Instant enrolledAt,
    Instant lastContactAt) {}

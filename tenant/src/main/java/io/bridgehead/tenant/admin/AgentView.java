package io.bridgehead.tenant.admin;

import io.bridgehead.wire.Role;
import java.time.Instant;
import java.util.List;

/**
 * An agent as the admin API lists it.
 *
 * @param state {@code online} when the agent was in contact within the offline threshold,
 *     else {@code offline}
 */
public record AgentView(
    String id,
    String pool,
    String hostName,
    List<Role> roles,
    String version,
    String os,
    String state,
    Instant lastContactAt,
    Instant enrolledAt) {}

package io.bridgehead.tenant.admin;

import io.bridgehead.wire.Role;
import java.time.Instant;
import java.util.List;

/**
 * An agent as the admin API lists it.
 *
 * @param state {@code disabled} when an operator disabled it; else {@code online} when it was
 *     in contact within the offline threshold (60 s), else {@code offline}
 * @param tags the agent's tags, sorted; empty when it has none
 * @param powershellVersion the PowerShell version it reported at enrollment, or null
 * @param lastUpdate how its last update ended, or null when it had none
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
    Instant enrolledAt,
    List<String> tags,
    String powershellVersion,
    UpdateOutcomeView lastUpdate) {}

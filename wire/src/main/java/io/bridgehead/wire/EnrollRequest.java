package io.bridgehead.wire;

import java.util.List;

/**
 * Body of {@code POST /agent/v1/enroll}: a new agent presents its pool's enrollment key once.
 *
 * @param enrollmentKey the secret made for one pool on the tenant; never logged
 * @param hostName the agent host's name, as the operator will see it
 * @param roles the roles the agent will serve, at least one
 * @param version the agent's version
 * @param os the operating system, for example {@code Linux 6.1 amd64}
 */
public record EnrollRequest(
    String enrollmentKey, String hostName, List<Role> roles, String version, String os) {}

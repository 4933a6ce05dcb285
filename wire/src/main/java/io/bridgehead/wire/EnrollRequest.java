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
 * @param tags labels the operator gave the agent, for example {@code gpu}; a job that names
 *     tags goes only to agents with all of them. Null means none.
 * @param powershellVersion the PowerShell version the agent found, for example {@code 7.4.1},
 *     or null when it found none or did not look
 */
public record EnrollRequest(
    String enrollmentKey,
    String hostName,
    List<Role> roles,
    String version,
    String os,
    List<String> tags,
    String powershellVersion) {

  /** An enrollment without tags and without a PowerShell version. */
  public EnrollRequest(String enrollmentKey, String hostName, List<Role> roles, String version,
      String os) {
    this(enrollmentKey, hostName, roles, version, os, null, null);
  }
}

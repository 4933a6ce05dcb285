package io.bridgehead.wire;

/**
 * Body of {@code POST /agent/v1/heartbeat}.
 *
 * @param version the agent's running version
 * @param runningJobs how many jobs the agent is running now
 */
public record HeartbeatRequest(String version, int runningJobs) {}

package io.bridgehead.wire;

/**
 * Body of {@code POST /agent/v1/heartbeat}.
 *
 * @param version the agent's running version
 * @param runningJobs how many jobs the agent is running now
 * @param timeZone the agent host's time zone as an IANA id such as {@code Europe/Berlin}, or
 *     null. With it, the tenant offers the agent an update only inside its pool's update
 *     window. Without it, the tenant offers the update at any time, so the agent waits for
 *     the window itself.
 */
public record HeartbeatRequest(String version, int runningJobs, String timeZone) {

  /** Makes a heartbeat without a time zone, as agents sent before update windows existed. */
  public HeartbeatRequest(String version, int runningJobs) {
    this(version, runningJobs, null);
  }
}

package io.bridgehead.tenant.store;

import io.bridgehead.wire.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An enrolled agent, as the tenant records it.
 *
 * @param lastContactAt when the agent last made an authenticated request that was accepted
 * @param tags the agent's tags, sorted; empty when it has none
 * @param powershellVersion the PowerShell version it reported at enrollment, or null
 * @param disabled true when an operator disabled it: it gets no new jobs
 * @param activeInstance the {@code Bridgehead-Instance} id of the process accepted last, or
 *     null when none sent one or the last one sent a goodbye request
 * @param instanceSeenAt when the active instance was last heard from, or null
 * @param instanceAddress the network address the active instance called from, or null
 * @param lastUpdate how its last update ended, or null when it never reported one
 */
public record Agent(
    String id,
    String poolId,
    String hostName,
    List<Role> roles,
    String version,
    String os,
    Instant enrolledAt,
    Instant lastContactAt,
    List<String> tags,
    String powershellVersion,
    boolean disabled,
    String activeInstance,
    Instant instanceSeenAt,
    String instanceAddress,
    UpdateOutcome lastUpdate) {

  /**
   * How long an agent may be silent before it counts as offline: 60 s, two missed long polls
   * of the default 25 s plus a margin. It also bounds how long a silent instance keeps its
   * claim on the agent's credential.
   */
  public static final Duration OFFLINE_THRESHOLD = Duration.ofSeconds(60);

  /** The state shown to operators. */
  public enum State {
    ONLINE, OFFLINE, DISABLED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Returns whether the agent was in contact within {@link #OFFLINE_THRESHOLD} before now. */
  public boolean isOnline(Instant now) {
    return lastContactAt.isAfter(now.minus(OFFLINE_THRESHOLD));
  }

  /** Returns the agent's state: disabled wins over online and offline. */
  public State state(Instant now) {
    if (disabled) {
      return State.DISABLED;
    }
    return isOnline(now) ? State.ONLINE : State.OFFLINE;
  }

  /** Returns whether the agent may take a job for this role that requires these tags. */
  public boolean canRun(Role role, List<String> requiredTags) {
    return roles.contains(role) && tags.containsAll(requiredTags);
  }
}

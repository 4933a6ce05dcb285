package io.bridgehead.tenant.store;

import java.time.Instant;
import java.util.Locale;

/**
 * Something an operator should know about, kept in the event log.
 *
 * @param id increasing with time
 * @param poolId the pool involved, or null
 * @param agentId the agent involved, or null
 * @param jobId the job involved, or null
 * @param message a sentence that states what happened and, where it helps, what to do
 */
public record Event(long id, Instant at, Kind kind, String poolId, String agentId, String jobId,
    String message) {

  /** What happened. */
  public enum Kind {
    /** The sweeper found an agent silent past the offline threshold. */
    AGENT_OFFLINE,
    /** An agent recorded offline made contact again. */
    AGENT_ONLINE,
    /** A second process used an agent's credential while the first was active. */
    AGENT_CLONED,
    AGENT_DISABLED,
    AGENT_ENABLED,
    AGENT_REMOVED,
    /** A job failed because no agent started it within its queue time-out. */
    JOB_NO_AGENT,
    RELEASE_PUBLISHED,
    RELEASE_DELETED,
    /** An operator set or cleared a pool's target version. */
    POOL_VERSION_SET,
    /** An operator set or cleared a pool's update window. */
    POOL_WINDOW_SET,
    /** The tenant offered an agent an update, through the heartbeat's wanted version. */
    UPDATE_STARTED,
    /** An agent reported that it runs the version it was offered. */
    UPDATE_SUCCEEDED,
    /** An agent reported a failed update. */
    UPDATE_FAILED,
    /** An agent offered an update did not run the version within the rollout time-out. */
    UPDATE_TIMED_OUT,
    /** An operator let an agent try versions again that failed or timed out on it. */
    UPDATE_RETRY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }
}

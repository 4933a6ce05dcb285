package io.bridgehead.tenant.store;

import io.bridgehead.wire.UpdateWindow;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update channel's state per pool and per agent: target versions, update windows, the
 * rollout gate, update outcomes and the versions the tenant no longer offers an agent.
 *
 * <p>The rollout gate offers the update to one agent of a pool at a time: the heartbeat's
 * wanted version is the target for that agent only. The tenant records which agent it
 * offered the update to, and offers it to the next one only after that agent heartbeats with
 * the target version, reports a failure, or has not run the version within the rollout
 * time-out. A time-out is recorded as an event. An agent that reported a failed update of a
 * version is not offered that version again until an operator retries. An agent that timed
 * out is offered it again only when no other online agent of the pool waits for it.
 */
public final class RolloutStore {
  private static final Logger log = LoggerFactory.getLogger(RolloutStore.class);
  private static final String FAILED = "failed";
  private static final String TIMED_OUT = "timed_out";

  private final Database database;
  private final PoolStore pools;
  private final AgentStore agents;
  private final ReleaseStore releases;
  private final EventStore events;
  private final Duration timeout;

  /**
   * Makes the store.
   *
   * @param timeout how long an agent offered the update has to run the target version before
   *     the update is offered to the next agent of its pool
   */
  public RolloutStore(Database database, PoolStore pools, AgentStore agents,
      ReleaseStore releases, EventStore events, Duration timeout) {
    this.database = database;
    this.pools = pools;
    this.agents = agents;
    this.releases = releases;
    this.events = events;
    this.timeout = timeout;
  }

  /** The agent of a pool that was offered the update to {@code version} at {@code startedAt}. */
  public record Rollout(String agentId, String version, Instant startedAt) {}

  /**
   * The update part of a heartbeat response.
   *
   * @param wantedVersion the version the agent should run now
   * @param release the wanted version's release, or null when it is the agent's own version
   * @param updateWindow the pool's update window in text form, or null for any time
   */
  public record Decision(String wantedVersion, Release release, String updateWindow) {}

  public Duration timeout() {
    return timeout;
  }

  /**
   * Sets or clears a pool's target version and ends its rollout, so the gate starts over for
   * the new version.
   *
   * @param version a published version, or null when the pool wants no update
   * @return false when the version is not published; nothing changed then
   */
  public boolean setTarget(Pool pool, String version, Instant now) {
    synchronized (database.lock()) {
      if (version != null && releases.find(version).isEmpty()) {
        return false;
      }
      try {
        Sql.update(database.connection(), "UPDATE pools SET target_version = ?,"
            + " rollout_agent_id = NULL, rollout_version = NULL, rollout_started_at = NULL"
            + " WHERE id = ?", version, pool.id());
      } catch (SQLException e) {
        throw new StoreException("setting the target version of pool " + pool.name(), e);
      }
      events.record(Event.Kind.POOL_VERSION_SET, pool.id(), null, null, version == null
          ? "pool " + pool.name() + " wants no update any more; its agents keep their versions"
          : "pool " + pool.name() + " targets version " + version + " now; its agents update"
              + " one at a time", now);
      return true;
    }
  }

  /** Sets a pool's update window, or clears it with null so that agents update at any time. */
  public void setWindow(Pool pool, UpdateWindow window, Instant now) {
    String text = window == null ? null : window.toString();
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(), "UPDATE pools SET update_window = ? WHERE id = ?",
            text, pool.id());
      } catch (SQLException e) {
        throw new StoreException("setting the update window of pool " + pool.name(), e);
      }
      events.record(Event.Kind.POOL_WINDOW_SET, pool.id(), null, null, text == null
          ? "agents of pool " + pool.name() + " may update at any time now"
          : "agents of pool " + pool.name() + " may update only in the window " + text
              + " of their local time now", now);
    }
  }

  /** Returns the pool's rollout in progress, or empty when no agent is updating. */
  public Optional<Rollout> rollout(String poolId) {
    // A pool without a rollout maps to null, which queryOne returns as empty.
    Sql.RowMapper<Rollout> mapper = row -> {
      String agentId = row.getString("rollout_agent_id");
      if (agentId == null) {
        return null;
      }
      return new Rollout(agentId, row.getString("rollout_version"),
          Sql.instant(row, "rollout_started_at"));
    };
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), mapper, "SELECT rollout_agent_id,"
            + " rollout_version, rollout_started_at FROM pools WHERE id = ?", poolId);
      } catch (SQLException e) {
        throw new StoreException("reading the rollout of pool " + poolId, e);
      }
    }
  }

  /**
   * Decides the version a heartbeat returns to an agent, and records the agent as the pool's
   * updating agent when that version is the target.
   *
   * @param running the version the agent reports running
   * @param zone the agent's time zone, or null when it sent none; then the update window is
   *     left to the agent
   */
  public Decision decide(Agent agent, String running, ZoneId zone, Instant now) {
    synchronized (database.lock()) {
      Optional<Pool> found = pools.find(agent.poolId());
      if (found.isEmpty()) {
        return new Decision(running, null, null);
      }
      Pool pool = found.get();
      String target = pool.targetVersion();
      Decision keep = new Decision(running, null, pool.updateWindow());
      if (target == null) {
        return keep;
      }
      if (target.equals(running)) {
        finishRollout(pool, agent, target);
        return keep;
      }
      Optional<Release> release = releases.find(target);
      if (release.isEmpty()) {
        return keep;
      }
      Decision update = new Decision(target, release.get(), pool.updateWindow());
      Optional<Rollout> current = currentRollout(pool, now);
      if (current.isPresent()) {
        return current.get().agentId().equals(agent.id()) ? update : keep;
      }
      String blocked = blockCause(agent.id(), target);
      if (FAILED.equals(blocked)) {
        return keep;
      }
      if (zone != null && pool.updateWindow() != null
          && !UpdateWindow.parse(pool.updateWindow()).isOpen(now, zone)) {
        return keep;
      }
      if (TIMED_OUT.equals(blocked) && othersWaiting(pool, target, agent.id(), now)) {
        return keep;
      }
      startRollout(pool, agent, running, target, now);
      return update;
    }
  }

  /** Ends rollouts whose agent has not run the target version within the time-out. */
  public void sweepTimeouts(Instant now) {
    synchronized (database.lock()) {
      for (Pool pool : pools.list()) {
        currentRollout(pool, now);
      }
    }
  }

  /**
   * Records an update outcome that an agent reported. A failure blocks the version for the
   * agent and lets the next agent of the pool update.
   *
   * @param reason what failed, or null
   * @param logTail the end of the updater's log, already capped, or null
   */
  public void recordReport(Agent agent, String version, boolean succeeded, String reason,
      String logTail, Instant now) {
    String outcome = succeeded ? UpdateOutcome.OK : UpdateOutcome.FAILED;
    synchronized (database.lock()) {
      try {
        setOutcome(agent.id(), new UpdateOutcome(version, outcome, reason, logTail, now));
        if (succeeded) {
          Sql.update(database.connection(), "DELETE FROM blocked_updates WHERE agent_id = ?"
              + " AND version = ?", agent.id(), version);
        } else {
          Sql.update(database.connection(), "INSERT INTO blocked_updates(agent_id, version,"
              + " cause, at) VALUES (?,?,?,?) ON CONFLICT(agent_id, version) DO UPDATE SET"
              + " cause = excluded.cause, at = excluded.at", agent.id(), version, FAILED, now);
          clearRollout(agent.poolId(), agent.id(), version);
        }
      } catch (SQLException e) {
        throw new StoreException("recording the update report of agent " + agent.id(), e);
      }
      if (succeeded) {
        events.record(Event.Kind.UPDATE_SUCCEEDED, agent.poolId(), agent.id(), null, "agent "
            + agent.id() + " on host " + agent.hostName() + " reports that it runs version "
            + version + " after an update", now);
      } else {
        events.record(Event.Kind.UPDATE_FAILED, agent.poolId(), agent.id(), null, "update of"
            + " agent " + agent.id() + " on host " + agent.hostName() + " to version "
            + version + " failed: " + (reason == null ? "no reason given" : reason) + ". It is"
            + " not offered " + version + " again until an operator runs 'bridgehead tenant"
            + " agent retry-update " + agent.id() + "'", now);
      }
    }
  }

  /**
   * Lets an agent try again the versions that failed or timed out on it.
   *
   * @return the versions unblocked, oldest block first; empty when none was blocked
   */
  public List<String> retry(Agent agent, Instant now) {
    synchronized (database.lock()) {
      List<String> versions;
      try {
        versions = Sql.query(database.connection(), row -> row.getString(1),
            "SELECT version FROM blocked_updates WHERE agent_id = ? ORDER BY at", agent.id());
        Sql.update(database.connection(), "DELETE FROM blocked_updates WHERE agent_id = ?",
            agent.id());
      } catch (SQLException e) {
        throw new StoreException("clearing the blocked updates of agent " + agent.id(), e);
      }
      if (!versions.isEmpty()) {
        events.record(Event.Kind.UPDATE_RETRY, agent.poolId(), agent.id(), null, "an operator"
            + " let agent " + agent.id() + " on host " + agent.hostName() + " try version(s) "
            + String.join(", ", versions) + " again", now);
      }
      return versions;
    }
  }

  /**
   * Returns the pool's rollout, after clearing one that no longer applies (its agent left the
   * pool, or the target changed) and timing out one whose agent ran out of time.
   */
  private Optional<Rollout> currentRollout(Pool pool, Instant now) {
    Optional<Rollout> found = rollout(pool.id());
    if (found.isEmpty()) {
      return found;
    }
    Rollout current = found.get();
    try {
      Optional<Agent> agent = agents.find(current.agentId())
          .filter(member -> member.poolId().equals(pool.id()));
      if (agent.isEmpty() || !current.version().equals(pool.targetVersion())) {
        clearRollout(pool.id(), current.agentId(), current.version());
        return Optional.empty();
      }
      if (current.startedAt().plus(timeout).isAfter(now)) {
        return found;
      }
      timeOut(pool, agent.get(), current, now);
      return Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("checking the rollout of pool " + pool.name(), e);
    }
  }

  private void timeOut(Pool pool, Agent agent, Rollout rollout, Instant now)
      throws SQLException {
    String minutes = describe(timeout);
    String reason = "it did not run version " + rollout.version() + " within " + minutes
        + " of being offered the update at " + rollout.startedAt();
    clearRollout(pool.id(), agent.id(), rollout.version());
    Sql.update(database.connection(), "INSERT INTO blocked_updates(agent_id, version, cause,"
        + " at) VALUES (?,?,?,?) ON CONFLICT(agent_id, version) DO UPDATE SET at = excluded.at"
        + " WHERE cause = ?", agent.id(), rollout.version(), TIMED_OUT, now, TIMED_OUT);
    setOutcome(agent.id(), new UpdateOutcome(rollout.version(), UpdateOutcome.TIMED_OUT,
        reason, null, now));
    log.warn("Update of agent {} to {} timed out after {}; the next agent of pool {} may"
        + " update", agent.id(), rollout.version(), minutes, pool.name());
    events.record(Event.Kind.UPDATE_TIMED_OUT, pool.id(), agent.id(), null, "update of agent "
        + agent.id() + " to " + rollout.version() + " timed out: " + reason + ". The next"
        + " agent of pool " + pool.name() + " may update; this one is offered the update again"
        + " once no other agent of the pool waits for it", now);
  }

  private void startRollout(Pool pool, Agent agent, String running, String target,
      Instant now) {
    try {
      Sql.update(database.connection(), "UPDATE pools SET rollout_agent_id = ?,"
          + " rollout_version = ?, rollout_started_at = ? WHERE id = ?", agent.id(), target,
          now, pool.id());
    } catch (SQLException e) {
      throw new StoreException("starting the update of agent " + agent.id(), e);
    }
    log.info("Offered agent {} of pool {} the update from {} to {}", agent.id(), pool.name(),
        running, target);
    events.record(Event.Kind.UPDATE_STARTED, pool.id(), agent.id(), null, "agent "
        + agent.id() + " on host " + agent.hostName() + " was offered the update from "
        + running + " to " + target + "; other agents of pool " + pool.name() + " wait until"
        + " it runs " + target + ", at most " + describe(timeout), now);
  }

  /** Ends the rollout when {@code agent} was offered the update and now runs {@code version}. */
  private void finishRollout(Pool pool, Agent agent, String version) {
    try {
      if (clearRollout(pool.id(), agent.id(), version)) {
        log.info("Agent {} runs {} now; the next agent of pool {} may update", agent.id(),
            version, pool.name());
      }
    } catch (SQLException e) {
      throw new StoreException("ending the update of agent " + agent.id(), e);
    }
  }

  private boolean clearRollout(String poolId, String agentId, String version)
      throws SQLException {
    return Sql.update(database.connection(), "UPDATE pools SET rollout_agent_id = NULL,"
        + " rollout_version = NULL, rollout_started_at = NULL WHERE id = ?"
        + " AND rollout_agent_id = ? AND rollout_version = ?", poolId, agentId, version) > 0;
  }

  private String blockCause(String agentId, String version) {
    try {
      return Sql.queryOne(database.connection(), row -> row.getString(1), "SELECT cause FROM"
          + " blocked_updates WHERE agent_id = ? AND version = ?", agentId, version)
          .orElse(null);
    } catch (SQLException e) {
      throw new StoreException("reading the blocked updates of agent " + agentId, e);
    }
  }

  /**
   * Returns whether another online agent of the pool runs another version than the target
   * and may be offered the update to it.
   */
  private boolean othersWaiting(Pool pool, String target, String agentId, Instant now) {
    try {
      return Sql.queryOne(database.connection(), row -> row.getInt(1), "SELECT count(*) FROM"
          + " agents WHERE pool_id = ? AND id <> ? AND version <> ? AND last_contact_at > ?"
          + " AND id NOT IN (SELECT agent_id FROM blocked_updates WHERE version = ?)",
          pool.id(), agentId, target, now.minus(Agent.OFFLINE_THRESHOLD), target)
          .orElse(0) > 0;
    } catch (SQLException e) {
      throw new StoreException("looking for agents of pool " + pool.name()
          + " that wait for an update", e);
    }
  }

  private void setOutcome(String agentId, UpdateOutcome outcome) throws SQLException {
    Sql.update(database.connection(), "UPDATE agents SET update_version = ?,"
        + " update_outcome = ?, update_reason = ?, update_log = ?, update_at = ? WHERE id = ?",
        outcome.version(), outcome.outcome(), outcome.reason(), outcome.logTail(),
        outcome.at(), agentId);
  }

  /** Formats the time-out for messages: whole minutes when it has no seconds part. */
  private static String describe(Duration duration) {
    return duration.toSecondsPart() == 0 && !duration.isZero()
        ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
  }
}

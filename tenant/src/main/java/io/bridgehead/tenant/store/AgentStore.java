package io.bridgehead.tenant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Enrolled agents and their credentials, which are stored as hashes only. It also records the
 * agent events of the operator event log: offline and back online, cloned, disabled, enabled
 * and removed.
 */
public final class AgentStore {
  private final Database database;
  private final PoolStore pools;
  private final EventStore events;

  public AgentStore(Database database, PoolStore pools, EventStore events) {
    this.database = database;
    this.pools = pools;
    this.events = events;
  }

  /** A new agent and the credential it must present from now on. */
  public record Enrollment(Agent agent, String credential, Pool pool) {}

  /** The facts an enrolling agent reports about itself besides its key. */
  public record Description(String hostName, List<Role> roles, String version, String os,
      List<String> tags, String powershellVersion) {}

  /** The tenant's decision on a request that named an instance. */
  public enum ContactOutcome {
    /** The instance is the active one, or the first one. */
    ACCEPTED,
    /** The instance replaced one that had been silent past the offline threshold. */
    TOOK_OVER,
    /** Another instance is active: the request is rejected. */
    CLONED
  }

  /**
   * The result of {@link #contact}.
   *
   * @param before the agent as it was before this request; for {@link ContactOutcome#CLONED}
   *     it names the active instance
   */
  public record Contact(ContactOutcome outcome, Agent before) {}

  /**
   * Enrolls an agent: takes one use of the key and records the agent in one transaction, so a
   * key never enrolls more agents than it has uses.
   *
   * @return the enrollment, or empty when the key is unknown, used up, expired or revoked
   */
  public Optional<Enrollment> enroll(String enrollmentKey, Description description,
      Instant now) {
    String agentId = "agt_" + Secrets.newId();
    String credential = agentId + "." + Secrets.newSecret("");
    synchronized (database.lock()) {
      try {
        database.connection().setAutoCommit(false);
        try {
          Optional<String> poolId = pools.consumeEnrollmentKey(enrollmentKey, agentId, now);
          if (poolId.isEmpty()) {
            database.connection().rollback();
            return Optional.empty();
          }
          Agent agent = new Agent(agentId, poolId.get(), description.hostName(),
              description.roles(), description.version(), description.os(), now, now,
              description.tags(), description.powershellVersion(), false, null, null, null,
              null);
          Sql.update(database.connection(),
              "INSERT INTO agents(id, pool_id, host_name, roles, version, os, credential_hash,"
                  + " enrolled_at, last_contact_at, tags, powershell_version)"
                  + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
              agentId, agent.poolId(), agent.hostName(), joinRoles(agent.roles()),
              agent.version(), agent.os(), Secrets.hash(credential), now, now,
              writeTags(agent.tags()), agent.powershellVersion());
          database.connection().commit();
          Pool pool = pools.find(agent.poolId()).orElseThrow();
          return Optional.of(new Enrollment(agent, credential, pool));
        } catch (SQLException | RuntimeException e) {
          database.connection().rollback();
          throw e;
        } finally {
          database.connection().setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new StoreException("enrolling an agent from " + description.hostName(), e);
      }
    }
  }

  /** Enrolls an agent without tags or PowerShell version; see the other overload. */
  public Optional<Enrollment> enroll(String enrollmentKey, String hostName, List<Role> roles,
      String version, String os, Instant now) {
    return enroll(enrollmentKey, new Description(hostName, roles, version, os, List.of(), null),
        now);
  }

  /** Returns the agent whose credential this is, or empty when none matches. */
  public Optional<Agent> authenticate(String credential) {
    int dot = credential.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String agentId = credential.substring(0, dot);
    synchronized (database.lock()) {
      return findWithHash(agentId)
          .filter(found -> Secrets.matches(credential, found.hash()))
          .map(AgentWithHash::agent);
    }
  }

  /**
   * Records an authenticated request: checks its instance id against the active one and, when
   * the request is accepted, records the contact, the instance and, when the agent was
   * recorded offline, a back-online event. A null {@code instance} skips the instance check.
   * A rejected clone is recorded as an event once per instance id.
   *
   * @param address the network address the request came from
   */
  public Contact contact(String agentId, String instance, String address, Instant now) {
    synchronized (database.lock()) {
      try {
        Agent before = findWithHash(agentId).map(AgentWithHash::agent).orElseThrow(
            () -> new SQLException("agent " + agentId + " vanished during the request"));
        ContactOutcome outcome = instanceOutcome(before, instance, now);
        if (outcome == ContactOutcome.CLONED) {
          recordCloneOnce(before, instance, address, now);
          return new Contact(outcome, before);
        }
        boolean wasOffline = Sql.queryOne(database.connection(), row -> row.getInt(1),
            "SELECT reported_offline FROM agents WHERE id = ?", agentId).orElse(0) != 0;
        if (instance == null) {
          Sql.update(database.connection(), "UPDATE agents SET last_contact_at = ?,"
              + " reported_offline = 0 WHERE id = ?", now, agentId);
        } else {
          Sql.update(database.connection(), "UPDATE agents SET last_contact_at = ?,"
              + " reported_offline = 0, active_instance = ?, instance_seen_at = ?,"
              + " instance_address = ? WHERE id = ?", now, instance, now, address, agentId);
        }
        if (wasOffline) {
          events.record(Event.Kind.AGENT_ONLINE, before.poolId(), agentId, null, "agent "
              + agentId + " on host " + before.hostName() + " is back online; its last"
              + " contact before was at " + before.lastContactAt(), now);
        }
        return new Contact(outcome, before);
      } catch (SQLException e) {
        throw new StoreException("recording contact from agent " + agentId, e);
      }
    }
  }

  private static ContactOutcome instanceOutcome(Agent agent, String instance, Instant now) {
    if (instance == null || agent.activeInstance() == null
        || agent.activeInstance().equals(instance)) {
      return ContactOutcome.ACCEPTED;
    }
    boolean activeSilent = agent.instanceSeenAt() == null
        || !agent.instanceSeenAt().isAfter(now.minus(Agent.OFFLINE_THRESHOLD));
    return activeSilent ? ContactOutcome.TOOK_OVER : ContactOutcome.CLONED;
  }

  private void recordCloneOnce(Agent agent, String instance, String address, Instant now)
      throws SQLException {
    int inserted = Sql.update(database.connection(), "INSERT OR IGNORE INTO"
        + " cloned_instances(agent_id, instance_id) VALUES (?,?)", agent.id(), instance);
    if (inserted == 0) {
      return;
    }
    events.record(Event.Kind.AGENT_CLONED, agent.poolId(), agent.id(), null,
        "instance " + instance + " at " + address + " used the credential of agent "
            + agent.id() + " while instance " + agent.activeInstance() + " at "
            + agent.instanceAddress() + " was active (last contact " + agent.instanceSeenAt()
            + "); a cloned server or a copied data folder causes this, and the copy must"
            + " enroll again with a new key", now);
  }

  /**
   * Ends the agent's active instance when it is {@code instance}, so that the next process is
   * accepted at once.
   *
   * @return whether the active instance was ended
   */
  public boolean endInstance(String agentId, String instance) {
    synchronized (database.lock()) {
      try {
        return Sql.update(database.connection(), "UPDATE agents SET active_instance = NULL,"
            + " instance_seen_at = NULL WHERE id = ? AND active_instance = ?",
            agentId, instance) > 0;
      } catch (SQLException e) {
        throw new StoreException("ending the instance of agent " + agentId, e);
      }
    }
  }

  /** Records the agent's running version, reported by its heartbeat. */
  public void touch(String agentId, String version, Instant now) {
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(),
            "UPDATE agents SET last_contact_at = ?, version = ? WHERE id = ?",
            now, version, agentId);
      } catch (SQLException e) {
        throw new StoreException("recording contact from agent " + agentId, e);
      }
    }
  }

  /**
   * Disables or enables an agent and records the event; a repeat changes nothing and records
   * nothing.
   *
   * @return the agent after the change, or empty when no agent has this id
   */
  public Optional<Agent> setDisabled(String agentId, boolean disabled, Instant now) {
    synchronized (database.lock()) {
      Optional<Agent> agent = find(agentId);
      if (agent.isEmpty() || agent.get().disabled() == disabled) {
        return agent;
      }
      try {
        Sql.update(database.connection(), "UPDATE agents SET disabled = ? WHERE id = ?",
            disabled, agentId);
        // Long polls wait on this monitor: a disabled agent's poll ends at once.
        database.lock().notifyAll();
      } catch (SQLException e) {
        throw new StoreException((disabled ? "disabling" : "enabling") + " agent " + agentId, e);
      }
      Agent found = agent.get();
      events.record(disabled ? Event.Kind.AGENT_DISABLED : Event.Kind.AGENT_ENABLED,
          found.poolId(), agentId, null, "agent " + agentId + " on host " + found.hostName()
              + (disabled ? " was disabled by an operator; it gets no new jobs and finishes"
              + " the jobs it runs" : " was enabled by an operator; it takes jobs again"), now);
      return find(agentId);
    }
  }

  /**
   * Removes an agent: its credential stops working at once. Jobs it holds go back to the queue
   * when their leases lapse.
   *
   * @return the removed agent, or empty when no agent has this id
   */
  public Optional<Agent> remove(String agentId, Instant now) {
    synchronized (database.lock()) {
      Optional<Agent> agent = find(agentId);
      if (agent.isEmpty()) {
        return agent;
      }
      try {
        Sql.update(database.connection(), "DELETE FROM agents WHERE id = ?", agentId);
        Sql.update(database.connection(), "DELETE FROM cloned_instances WHERE agent_id = ?",
            agentId);
        Sql.update(database.connection(), "DELETE FROM blocked_updates WHERE agent_id = ?",
            agentId);
        database.lock().notifyAll();
      } catch (SQLException e) {
        throw new StoreException("removing agent " + agentId, e);
      }
      events.record(Event.Kind.AGENT_REMOVED, agent.get().poolId(), agentId, null, "agent "
          + agentId + " on host " + agent.get().hostName() + " was removed by an operator;"
          + " its credential no longer works", now);
      return agent;
    }
  }

  /**
   * Records an offline event for each agent that has been silent past the offline threshold
   * since it was last recorded online, and a back-online event for each agent recorded offline
   * that made contact since.
   */
  public void sweepOffline(Instant now) {
    synchronized (database.lock()) {
      try {
        List<Agent> offline = new ArrayList<>();
        List<Agent> online = new ArrayList<>();
        for (Agent agent : list()) {
          boolean reported = Sql.queryOne(database.connection(), row -> row.getInt(1),
              "SELECT reported_offline FROM agents WHERE id = ?", agent.id()).orElse(0) != 0;
          if (!reported && !agent.isOnline(now)) {
            offline.add(agent);
          } else if (reported && agent.isOnline(now)) {
            online.add(agent);
          }
        }
        for (Agent agent : offline) {
          Sql.update(database.connection(),
              "UPDATE agents SET reported_offline = 1 WHERE id = ?", agent.id());
          events.record(Event.Kind.AGENT_OFFLINE, agent.poolId(), agent.id(), null, "agent "
              + agent.id() + " on host " + agent.hostName() + " is offline: no contact since "
              + agent.lastContactAt() + ", more than " + Agent.OFFLINE_THRESHOLD.toSeconds()
              + " s ago; check that its service runs and reaches the tenant", now);
        }
        for (Agent agent : online) {
          Sql.update(database.connection(),
              "UPDATE agents SET reported_offline = 0 WHERE id = ?", agent.id());
          events.record(Event.Kind.AGENT_ONLINE, agent.poolId(), agent.id(), null, "agent "
              + agent.id() + " on host " + agent.hostName() + " is back online", now);
        }
      } catch (SQLException e) {
        throw new StoreException("looking for offline agents", e);
      }
    }
  }

  public Optional<Agent> find(String agentId) {
    synchronized (database.lock()) {
      return findWithHash(agentId).map(AgentWithHash::agent);
    }
  }

  public List<Agent> list() {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), AgentStore::agent,
            "SELECT * FROM agents ORDER BY enrolled_at");
      } catch (SQLException e) {
        throw new StoreException("listing agents", e);
      }
    }
  }

  public List<Agent> listByPool(String poolId) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), AgentStore::agent,
            "SELECT * FROM agents WHERE pool_id = ? ORDER BY enrolled_at", poolId);
      } catch (SQLException e) {
        throw new StoreException("listing agents of pool " + poolId, e);
      }
    }
  }

  private record AgentWithHash(Agent agent, String hash) {}

  private Optional<AgentWithHash> findWithHash(String agentId) {
    try {
      return Sql.queryOne(database.connection(),
          row -> new AgentWithHash(agent(row), row.getString("credential_hash")),
          "SELECT * FROM agents WHERE id = ?", agentId);
    } catch (SQLException e) {
      throw new StoreException("looking up agent " + agentId, e);
    }
  }

  private static String joinRoles(List<Role> roles) {
    return roles.stream().map(Role::wireName).collect(Collectors.joining(","));
  }

  static String writeTags(List<String> tags) {
    try {
      return Json.mapper().writeValueAsString(tags == null ? List.of() : tags);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode tags: " + e.getOriginalMessage(), e);
    }
  }

  static List<String> readTags(String text) throws SQLException {
    try {
      List<String> tags = Json.mapper().readValue(Objects.requireNonNullElse(text, "[]"),
          new TypeReference<List<String>>() {});
      return List.copyOf(tags);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored tags are not a JSON list: " + e.getOriginalMessage(), e);
    }
  }

  private static Agent agent(ResultSet row) throws SQLException {
    List<Role> roles = Arrays.stream(row.getString("roles").split(","))
        .map(Role::parse)
        .collect(Collectors.toList());
    return new Agent(row.getString("id"), row.getString("pool_id"), row.getString("host_name"),
        roles, row.getString("version"), row.getString("os"), Sql.instant(row, "enrolled_at"),
        Sql.instant(row, "last_contact_at"), readTags(row.getString("tags")),
        row.getString("powershell_version"), row.getInt("disabled") != 0,
        row.getString("active_instance"), Sql.instant(row, "instance_seen_at"),
        row.getString("instance_address"), lastUpdate(row));
  }

  private static UpdateOutcome lastUpdate(ResultSet row) throws SQLException {
    String outcome = row.getString("update_outcome");
    if (outcome == null) {
      return null;
    }
    return new UpdateOutcome(row.getString("update_version"), outcome,
        row.getString("update_reason"), row.getString("update_log"),
        Sql.instant(row, "update_at"));
  }
}

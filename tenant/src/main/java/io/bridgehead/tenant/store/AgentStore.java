package io.bridgehead.tenant.store;

import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.wire.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enrolled agents and their credentials, which are stored as hashes only. */
public final class AgentStore {
  private final Database database;
  private final PoolStore pools;

  public AgentStore(Database database, PoolStore pools) {
    this.database = database;
    this.pools = pools;
  }

  /** A new agent and the credential it must present from now on. */
  public record Enrollment(Agent agent, String credential, Pool pool) {}

  /**
   * Enrolls an agent with a one-time key: uses the key up and records the agent in one
   * transaction, so a key can never enroll two agents.
   *
   * @return the enrollment, or empty when the key is unknown, used or expired
   */
  public Optional<Enrollment> enroll(String enrollmentKey, String hostName, List<Role> roles,
      String version, String os, Instant now) {
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
          Agent agent = new Agent(agentId, poolId.get(), hostName, roles, version, os, now, now);
          Sql.update(database.connection(),
              "INSERT INTO agents(id, pool_id, host_name, roles, version, os, credential_hash,"
                  + " enrolled_at, last_contact_at) VALUES (?,?,?,?,?,?,?,?,?)",
              agentId, agent.poolId(), hostName, joinRoles(roles), version, os,
              Secrets.hash(credential), now, now);
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
        throw new StoreException("enrolling an agent from " + hostName, e);
      }
    }
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

  /** Records a contact from the agent: its last contact time and running version. */
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

  private static Agent agent(ResultSet row) throws SQLException {
    List<Role> roles = Arrays.stream(row.getString("roles").split(","))
        .map(Role::parse)
        .collect(Collectors.toList());
    return new Agent(row.getString("id"), row.getString("pool_id"), row.getString("host_name"),
        roles, row.getString("version"), row.getString("os"), Sql.instant(row, "enrolled_at"),
        Sql.instant(row, "last_contact_at"));
  }
}

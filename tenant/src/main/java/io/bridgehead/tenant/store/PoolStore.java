package io.bridgehead.tenant.store;

import io.bridgehead.tenant.security.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pools and their enrollment keys. Keys are stored as hashes only. */
public final class PoolStore {
  private final Database database;

  public PoolStore(Database database) {
    this.database = database;
  }

  /** Creates a pool; the caller has checked that the name is free and valid. */
  public Pool create(String name, Instant now) {
    Pool pool = new Pool(Secrets.newId(), name, now);
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(), "INSERT INTO pools(id, name, created_at) VALUES (?,?,?)",
            pool.id(), pool.name(), now);
      } catch (SQLException e) {
        throw new StoreException("creating pool " + name, e);
      }
    }
    return pool;
  }

  public Optional<Pool> findByName(String name) {
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), PoolStore::pool,
            "SELECT * FROM pools WHERE name = ?", name);
      } catch (SQLException e) {
        throw new StoreException("looking up pool " + name, e);
      }
    }
  }

  public Optional<Pool> find(String id) {
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), PoolStore::pool,
            "SELECT * FROM pools WHERE id = ?", id);
      } catch (SQLException e) {
        throw new StoreException("looking up pool " + id, e);
      }
    }
  }

  public List<Pool> list() {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), PoolStore::pool,
            "SELECT * FROM pools ORDER BY name");
      } catch (SQLException e) {
        throw new StoreException("listing pools", e);
      }
    }
  }

  /**
   * Makes a one-time enrollment key for a pool and returns it; only its hash is kept, so this
   * is the one moment the key can be shown.
   */
  public String createEnrollmentKey(String poolId, Duration validFor, Instant now) {
    String key = Secrets.newSecret("bhk_");
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(),
            "INSERT INTO enrollment_keys(id, pool_id, key_hash, created_at, expires_at)"
                + " VALUES (?,?,?,?,?)",
            Secrets.newId(), poolId, Secrets.hash(key), now, now.plus(validFor));
      } catch (SQLException e) {
        throw new StoreException("creating an enrollment key", e);
      }
    }
    return key;
  }

  /**
   * Marks an enrollment key used by an agent and returns its pool id, or empty when the key is
   * unknown, used already or expired. Callers hold the database lock, so that checking and
   * marking the key is one step with inserting the agent.
   */
  Optional<String> consumeEnrollmentKey(String key, String agentId, Instant now)
      throws SQLException {
    Optional<String> poolId = Sql.queryOne(database.connection(), row -> row.getString(1),
        "SELECT pool_id FROM enrollment_keys"
            + " WHERE key_hash = ? AND used_at IS NULL AND expires_at > ?",
        Secrets.hash(key), now);
    if (poolId.isPresent()) {
      Sql.update(database.connection(),
          "UPDATE enrollment_keys SET used_at = ?, used_by_agent = ? WHERE key_hash = ?",
          now, agentId, Secrets.hash(key));
    }
    return poolId;
  }

  private static Pool pool(ResultSet row) throws SQLException {
    return new Pool(row.getString("id"), row.getString("name"), Sql.instant(row, "created_at"));
  }
}

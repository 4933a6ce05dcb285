package io.bridgehead.tenant.store;

import io.bridgehead.tenant.security.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pools and their enrollment keys. Keys are stored as hashes only. Exactly one pool is the
 * default once any pool exists: the first one created, until an operator picks another.
 */
public final class PoolStore {
  private final Database database;

  public PoolStore(Database database) {
    this.database = database;
  }

  /** A new enrollment key: shown once, because only its hash is stored. */
  public record NewKey(EnrollmentKey stored, String key) {}

  /** The reason a pool could not be deleted, or {@link #NONE} when it was deleted. */
  public enum DeleteBlocker {
    NONE,
    /** It is the only pool. */
    LAST_POOL,
    /** It is the default pool and other pools exist. */
    DEFAULT_POOL,
    /** Agents are enrolled in it. */
    HAS_AGENTS,
    /** Jobs of it are queued, offered or running. */
    HAS_UNFINISHED_JOBS
  }

  /**
   * The result of a delete request.
   *
   * @param agents the agents enrolled in the pool
   * @param unfinishedJobs the pool's queued, offered and running jobs
   * @param deletedJobs the finished jobs deleted with the pool, 0 unless it was deleted
   */
  public record DeleteOutcome(DeleteBlocker blocker, int agents, int unfinishedJobs,
      int deletedJobs) {}

  /**
   * Creates a pool; the caller has checked that the name is valid. The first pool becomes the
   * default.
   *
   * @return the pool, or empty when the name is taken
   */
  public Optional<Pool> create(String name, Instant now) {
    synchronized (database.lock()) {
      try {
        if (findByName(name).isPresent()) {
          return Optional.empty();
        }
        boolean first = Sql.queryOne(database.connection(), row -> row.getInt(1),
            "SELECT count(*) FROM pools").orElse(0) == 0;
        Pool pool = new Pool(Secrets.newId(), name, now, first, null, null);
        Sql.update(database.connection(),
            "INSERT INTO pools(id, name, created_at, is_default) VALUES (?,?,?,?)",
            pool.id(), pool.name(), now, first);
        return Optional.of(pool);
      } catch (SQLException e) {
        throw new StoreException("creating pool " + name, e);
      }
    }
  }

  /**
   * Renames a pool; agents and jobs keep it, because they refer to its id.
   *
   * @return false when another pool has the new name
   */
  public boolean rename(String id, String newName) {
    synchronized (database.lock()) {
      try {
        Optional<Pool> existing = findByName(newName);
        if (existing.isPresent() && !existing.get().id().equals(id)) {
          return false;
        }
        Sql.update(database.connection(), "UPDATE pools SET name = ? WHERE id = ?", newName, id);
        return true;
      } catch (SQLException e) {
        throw new StoreException("renaming pool " + id + " to " + newName, e);
      }
    }
  }

  /** Makes a pool the default, in place of the current one. */
  public void setDefault(String id) {
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(),
            "UPDATE pools SET is_default = CASE WHEN id = ? THEN 1 ELSE 0 END", id);
      } catch (SQLException e) {
        throw new StoreException("making pool " + id + " the default", e);
      }
    }
  }

  /**
   * Deletes a pool with its enrollment keys and its finished jobs and their logs, unless it is
   * the last or the default pool, has agents or has unfinished jobs. Checking and deleting is
   * one step under the database lock.
   */
  public DeleteOutcome delete(Pool pool) {
    synchronized (database.lock()) {
      try {
        int pools = count("SELECT count(*) FROM pools");
        int agents = count("SELECT count(*) FROM agents WHERE pool_id = ?", pool.id());
        int unfinished = count("SELECT count(*) FROM jobs WHERE pool_id = ?"
            + " AND state IN ('queued', 'offered', 'running')", pool.id());
        DeleteBlocker blocker = pools <= 1 ? DeleteBlocker.LAST_POOL
            : pool.isDefault() ? DeleteBlocker.DEFAULT_POOL
            : agents > 0 ? DeleteBlocker.HAS_AGENTS
            : unfinished > 0 ? DeleteBlocker.HAS_UNFINISHED_JOBS
            : DeleteBlocker.NONE;
        if (blocker != DeleteBlocker.NONE) {
          return new DeleteOutcome(blocker, agents, unfinished, 0);
        }
        return new DeleteOutcome(blocker, 0, 0, deleteRows(pool.id()));
      } catch (SQLException e) {
        throw new StoreException("deleting pool " + pool.name(), e);
      }
    }
  }

  private int deleteRows(String poolId) throws SQLException {
    database.connection().setAutoCommit(false);
    try {
      Sql.update(database.connection(),
          "DELETE FROM job_logs WHERE job_id IN (SELECT id FROM jobs WHERE pool_id = ?)", poolId);
      int jobs = Sql.update(database.connection(), "DELETE FROM jobs WHERE pool_id = ?", poolId);
      Sql.update(database.connection(), "DELETE FROM enrollment_keys WHERE pool_id = ?", poolId);
      Sql.update(database.connection(), "DELETE FROM pools WHERE id = ?", poolId);
      database.connection().commit();
      return jobs;
    } catch (SQLException | RuntimeException e) {
      database.connection().rollback();
      throw e;
    } finally {
      database.connection().setAutoCommit(true);
    }
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

  /** Returns the default pool, or empty when there are no pools. */
  public Optional<Pool> findDefault() {
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), PoolStore::pool,
            "SELECT * FROM pools WHERE is_default = 1");
      } catch (SQLException e) {
        throw new StoreException("looking up the default pool", e);
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
   * Makes an enrollment key for a pool that enrolls up to {@code uses} agents until
   * {@code validFor} has passed.
   */
  public NewKey createEnrollmentKey(String poolId, int uses, Duration validFor, Instant now) {
    String key = Secrets.newSecret("bhk_");
    EnrollmentKey stored = new EnrollmentKey("key_" + Secrets.newId(), poolId, now,
        now.plus(validFor), uses, uses, null);
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(),
            "INSERT INTO enrollment_keys(id, pool_id, key_hash, created_at, expires_at,"
                + " max_uses, uses_left) VALUES (?,?,?,?,?,?,?)",
            stored.id(), poolId, Secrets.hash(key), now, stored.expiresAt(), uses, uses);
      } catch (SQLException e) {
        throw new StoreException("creating an enrollment key", e);
      }
    }
    return new NewKey(stored, key);
  }

  /** Makes a one-time enrollment key for a pool and returns the key. */
  public String createEnrollmentKey(String poolId, Duration validFor, Instant now) {
    return createEnrollmentKey(poolId, 1, validFor, now).key();
  }

  /** Lists a pool's enrollment keys, newest first, including used, expired and revoked ones. */
  public List<EnrollmentKey> listKeys(String poolId) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), PoolStore::key,
            "SELECT * FROM enrollment_keys WHERE pool_id = ? ORDER BY created_at DESC, rowid DESC",
            poolId);
      } catch (SQLException e) {
        throw new StoreException("listing the enrollment keys of pool " + poolId, e);
      }
    }
  }

  /**
   * Revokes an enrollment key so that it enrolls no more agents; agents it enrolled already
   * stay. Revoking a revoked key changes nothing.
   *
   * @return the key after the change, or empty when no key has this id
   */
  public Optional<EnrollmentKey> revokeKey(String keyId, Instant now) {
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(), "UPDATE enrollment_keys SET revoked_at = ?"
            + " WHERE id = ? AND revoked_at IS NULL", now, keyId);
        return Sql.queryOne(database.connection(), PoolStore::key,
            "SELECT * FROM enrollment_keys WHERE id = ?", keyId);
      } catch (SQLException e) {
        throw new StoreException("revoking enrollment key " + keyId, e);
      }
    }
  }

  /**
   * Takes one use of an enrollment key for an agent and returns the key's pool id, or empty
   * when the key is unknown, used up, expired or revoked. Callers hold the database lock, so
   * that checking and counting the use is one step with inserting the agent.
   */
  Optional<String> consumeEnrollmentKey(String key, String agentId, Instant now)
      throws SQLException {
    String hash = Secrets.hash(key);
    Optional<String> poolId = Sql.queryOne(database.connection(), row -> row.getString(1),
        "SELECT pool_id FROM enrollment_keys WHERE key_hash = ? AND uses_left > 0"
            + " AND revoked_at IS NULL AND expires_at > ?",
        hash, now);
    if (poolId.isPresent()) {
      Sql.update(database.connection(),
          "UPDATE enrollment_keys SET uses_left = uses_left - 1, used_at = ?,"
              + " used_by_agent = ? WHERE key_hash = ?",
          now, agentId, hash);
    }
    return poolId;
  }

  private int count(String sql, Object... parameters) throws SQLException {
    return Sql.queryOne(database.connection(), row -> row.getInt(1), sql, parameters).orElse(0);
  }

  private static Pool pool(ResultSet row) throws SQLException {
    return new Pool(row.getString("id"), row.getString("name"), Sql.instant(row, "created_at"),
        row.getInt("is_default") != 0, row.getString("target_version"),
        row.getString("update_window"));
  }

  private static EnrollmentKey key(ResultSet row) throws SQLException {
    return new EnrollmentKey(row.getString("id"), row.getString("pool_id"),
        Sql.instant(row, "created_at"), Sql.instant(row, "expires_at"), row.getInt("max_uses"),
        row.getInt("uses_left"), Sql.instant(row, "revoked_at"));
  }
}

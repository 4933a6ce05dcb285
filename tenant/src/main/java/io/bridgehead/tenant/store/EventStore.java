package io.bridgehead.tenant.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The operator event log: one row per event, never updated. */
public final class EventStore {
  private final Database database;

  public EventStore(Database database) {
    this.database = database;
  }

  /** Appends an event. */
  public void record(Event.Kind kind, String poolId, String agentId, String jobId,
      String message, Instant now) {
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(),
            "INSERT INTO events(at, kind, pool_id, agent_id, job_id, message)"
                + " VALUES (?,?,?,?,?,?)",
            now, kind.wireName(), poolId, agentId, jobId, message);
      } catch (SQLException e) {
        throw new StoreException("recording a " + kind.wireName() + " event", e);
      }
    }
  }

  /** Returns the newest events first, at most {@code limit}. */
  public List<Event> recent(int limit) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(),
            row -> new Event(row.getLong("id"), Sql.instant(row, "at"),
                Event.Kind.parse(row.getString("kind")), row.getString("pool_id"),
                row.getString("agent_id"), row.getString("job_id"), row.getString("message")),
            "SELECT * FROM events ORDER BY id DESC LIMIT ?", limit);
      } catch (SQLException e) {
        throw new StoreException("listing events", e);
      }
    }
  }
}

package io.bridgehead.tenant.store;

import java.util.List;

/** The tables of the tenant database. Times are ISO-8601 instants in UTC, as text. */
final class Schema {
  static final List<String> VERSION_1 = List.of(
      "CREATE TABLE pools ("
          + " id TEXT PRIMARY KEY,"
          + " name TEXT NOT NULL UNIQUE,"
          + " created_at TEXT NOT NULL)",
      "CREATE TABLE enrollment_keys ("
          + " id TEXT PRIMARY KEY,"
          + " pool_id TEXT NOT NULL REFERENCES pools(id),"
          + " key_hash TEXT NOT NULL UNIQUE,"
          + " created_at TEXT NOT NULL,"
          + " expires_at TEXT NOT NULL,"
          + " used_at TEXT,"
          + " used_by_agent TEXT)",
      "CREATE TABLE agents ("
          + " id TEXT PRIMARY KEY,"
          + " pool_id TEXT NOT NULL REFERENCES pools(id),"
          + " host_name TEXT NOT NULL,"
          + " roles TEXT NOT NULL,"
          + " version TEXT NOT NULL,"
          + " os TEXT NOT NULL,"
          + " credential_hash TEXT NOT NULL,"
          + " enrolled_at TEXT NOT NULL,"
          + " last_contact_at TEXT NOT NULL)",
      // state: queued, offered (leased, not yet accepted), running, or one of the outcomes.
      // lease_id is the current lease; last_lease_id the one before a lapse, so that a late
      // result from it is still kept rather than thrown away.
      "CREATE TABLE jobs ("
          + " id TEXT PRIMARY KEY,"
          + " pool_id TEXT NOT NULL REFERENCES pools(id),"
          + " role TEXT NOT NULL,"
          + " spec TEXT NOT NULL,"
          + " state TEXT NOT NULL,"
          + " attempt INTEGER NOT NULL DEFAULT 0,"
          + " max_attempts INTEGER NOT NULL,"
          + " lease_id TEXT,"
          + " last_lease_id TEXT,"
          + " agent_id TEXT,"
          + " lease_expires_at TEXT,"
          + " cancel_requested INTEGER NOT NULL DEFAULT 0,"
          + " created_at TEXT NOT NULL,"
          + " started_at TEXT,"
          + " finished_at TEXT,"
          + " result_lease_id TEXT,"
          + " exit_code INTEGER,"
          + " result TEXT,"
          + " output TEXT,"
          + " error_output TEXT,"
          + " output_truncated INTEGER NOT NULL DEFAULT 0,"
          + " message TEXT)",
      "CREATE INDEX jobs_by_state ON jobs(pool_id, state, created_at)",
      "CREATE TABLE job_logs ("
          + " job_id TEXT NOT NULL REFERENCES jobs(id),"
          + " sequence INTEGER NOT NULL,"
          + " at TEXT NOT NULL,"
          + " stream TEXT NOT NULL,"
          + " text TEXT NOT NULL,"
          + " PRIMARY KEY (job_id, sequence))");

  private Schema() {}
}

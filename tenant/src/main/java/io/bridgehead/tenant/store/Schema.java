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

  /**
   * Version 2, applied to a version-1 database: the default pool, enrollment keys with a use
   * count and revocation, agent tags, state and instance, required tags and a queue deadline
   * on jobs, and the operator event log. Existing rows keep their meaning: the oldest pool
   * becomes the default, a used key has no uses left, and every agent starts enabled.
   */
  static final List<String> VERSION_2 = List.of(
      "ALTER TABLE pools ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0",
      "UPDATE pools SET is_default = 1 WHERE id ="
          + " (SELECT id FROM pools ORDER BY created_at, rowid LIMIT 1)",
      "ALTER TABLE enrollment_keys ADD COLUMN max_uses INTEGER NOT NULL DEFAULT 1",
      "ALTER TABLE enrollment_keys ADD COLUMN uses_left INTEGER NOT NULL DEFAULT 1",
      "ALTER TABLE enrollment_keys ADD COLUMN revoked_at TEXT",
      "UPDATE enrollment_keys SET uses_left = 0 WHERE used_at IS NOT NULL",
      // tags: a JSON array of strings. disabled: 1 when an operator disabled the agent.
      // reported_offline: 1 once the sweeper recorded the agent offline, until it is back.
      // active_instance: the Bridgehead-Instance id accepted last, with when and from where.
      "ALTER TABLE agents ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'",
      "ALTER TABLE agents ADD COLUMN powershell_version TEXT",
      "ALTER TABLE agents ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0",
      "ALTER TABLE agents ADD COLUMN reported_offline INTEGER NOT NULL DEFAULT 0",
      "ALTER TABLE agents ADD COLUMN active_instance TEXT",
      "ALTER TABLE agents ADD COLUMN instance_seen_at TEXT",
      "ALTER TABLE agents ADD COLUMN instance_address TEXT",
      // required_tags: a JSON array. queue_deadline: when a job that never started fails;
      // null for jobs queued before version 2, which wait as before.
      "ALTER TABLE jobs ADD COLUMN required_tags TEXT NOT NULL DEFAULT '[]'",
      "ALTER TABLE jobs ADD COLUMN queue_deadline TEXT",
      "CREATE TABLE events ("
          + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " at TEXT NOT NULL,"
          + " kind TEXT NOT NULL,"
          + " pool_id TEXT,"
          + " agent_id TEXT,"
          + " job_id TEXT,"
          + " message TEXT NOT NULL)",
      // Instance ids already recorded as clones, so each is recorded once.
      "CREATE TABLE cloned_instances ("
          + " agent_id TEXT NOT NULL,"
          + " instance_id TEXT NOT NULL,"
          + " PRIMARY KEY (agent_id, instance_id))");

  /**
   * The agent that held last_lease_id, so that only that agent may still report under the
   * lapsed lease.
   */
  static final List<String> VERSION_3 = List.of(
      "ALTER TABLE jobs ADD COLUMN last_agent_id TEXT");

  /**
   * Version 4, the update channel. It adds published releases, whose archives are files in
   * the data folder's releases folder, and per pool a target version (null when no update is
   * wanted), an update window (text such as {@code mon-fri 01:00-05:00}, null for any time)
   * and the one agent offered the update now. Per agent it adds the last update outcome and
   * the versions no longer offered to it. Existing pools want no update.
   */
  static final List<String> VERSION_4 = List.of(
      "CREATE TABLE releases ("
          + " version TEXT PRIMARY KEY,"
          + " manifest TEXT NOT NULL,"
          + " size INTEGER NOT NULL,"
          + " sha256 TEXT NOT NULL,"
          + " published_at TEXT NOT NULL)",
      "ALTER TABLE pools ADD COLUMN target_version TEXT REFERENCES releases(version)",
      "ALTER TABLE pools ADD COLUMN update_window TEXT",
      // The rollout gate: the agent offered rollout_version at rollout_started_at. Other
      // agents of the pool are offered it only once it runs that version or its time is up.
      "ALTER TABLE pools ADD COLUMN rollout_agent_id TEXT",
      "ALTER TABLE pools ADD COLUMN rollout_version TEXT",
      "ALTER TABLE pools ADD COLUMN rollout_started_at TEXT",
      // update_outcome: ok, failed or timed_out, for update_version; null before any update.
      "ALTER TABLE agents ADD COLUMN update_version TEXT",
      "ALTER TABLE agents ADD COLUMN update_outcome TEXT",
      "ALTER TABLE agents ADD COLUMN update_reason TEXT",
      "ALTER TABLE agents ADD COLUMN update_log TEXT",
      "ALTER TABLE agents ADD COLUMN update_at TEXT",
      // cause: failed (reported by the agent, and not offered again until an operator
      // retries) or timed_out (offered again only when no other agent of the pool waits).
      "CREATE TABLE blocked_updates ("
          + " agent_id TEXT NOT NULL,"
          + " version TEXT NOT NULL,"
          + " cause TEXT NOT NULL,"
          + " at TEXT NOT NULL,"
          + " PRIMARY KEY (agent_id, version))");

  /** The statements that bring a database to each version, from version 1 up. */
  static final List<List<String>> VERSIONS =
      List.of(VERSION_1, VERSION_2, VERSION_3, VERSION_4);

  private Schema() {}
}

package io.bridgehead.tenant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LogLine;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.TaskSpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows of the jobs and job_logs tables. It stores what callers give it; the rules of leases live in
 * {@link io.bridgehead.tenant.jobs.Dispatcher}, which holds the database lock across each
 * check and change. The methods that throw {@link SQLException} expect the caller to hold
 * {@link Database#lock()}.
 */
public final class JobStore {
  /**
   * The maximum number of queued jobs a poll looks through for one its agent can take. A job
   * behind this many jobs that its agent cannot take waits until they leave the queue.
   */
  static final int MAX_QUEUED_SCAN = 500;

  private final Database database;

  public JobStore(Database database) {
    this.database = database;
  }

  public void insert(Job job) {
    synchronized (database.lock()) {
      try {
        Sql.update(database.connection(),
            "INSERT INTO jobs(id, pool_id, role, spec, state, attempt, max_attempts, created_at,"
                + " required_tags, queue_deadline) VALUES (?,?,?,?,?,?,?,?,?,?)",
            job.id(), job.poolId(), job.role().wireName(), writeSpec(job.spec()),
            job.state().wireName(), job.attempt(), job.maxAttempts(), job.createdAt(),
            AgentStore.writeTags(job.requiredTags()), job.queueDeadline());
      } catch (SQLException e) {
        throw new StoreException("queueing job " + job.id(), e);
      }
    }
  }

  public Optional<Job> find(String id) {
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), JobStore::job,
            "SELECT * FROM jobs WHERE id = ?", id);
      } catch (SQLException e) {
        throw new StoreException("looking up job " + id, e);
      }
    }
  }

  /** Returns the newest jobs first, at most {@code limit}. */
  public List<Job> listRecent(int limit) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), JobStore::job,
            "SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?", limit);
      } catch (SQLException e) {
        throw new StoreException("listing jobs", e);
      }
    }
  }

  /**
   * Returns the queued jobs of the pool for one of the roles, oldest first, at most
   * {@link #MAX_QUEUED_SCAN}.
   */
  public List<Job> queued(String poolId, Set<Role> roles) {
    if (roles.isEmpty()) {
      return List.of();
    }
    String placeholders = roles.stream().map(r -> "?").collect(Collectors.joining(","));
    Object[] parameters = new Object[roles.size() + 2];
    parameters[0] = poolId;
    int index = 1;
    for (Role role : roles) {
      parameters[index++] = role.wireName();
    }
    parameters[index] = MAX_QUEUED_SCAN;
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), JobStore::job,
            "SELECT * FROM jobs WHERE pool_id = ? AND state = 'queued' AND role IN ("
                + placeholders + ") ORDER BY created_at, rowid LIMIT ?",
            parameters);
      } catch (SQLException e) {
        throw new StoreException("finding queued jobs", e);
      }
    }
  }

  /** Returns the queued jobs that never started and have a queue deadline. */
  public List<Job> queuedWithDeadline() {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), JobStore::job,
            "SELECT * FROM jobs WHERE state = 'queued' AND attempt = 0"
                + " AND queue_deadline IS NOT NULL");
      } catch (SQLException e) {
        throw new StoreException("finding jobs with a queue deadline", e);
      }
    }
  }

  /** Counts the offered and running jobs of each agent, by agent id. */
  public Map<String, Integer> activeJobsByAgent() {
    synchronized (database.lock()) {
      try {
        Map<String, Integer> counts = new HashMap<>();
        Sql.query(database.connection(),
            row -> counts.put(row.getString(1), row.getInt(2)),
            "SELECT agent_id, count(*) FROM jobs WHERE state IN ('offered', 'running')"
                + " AND agent_id IS NOT NULL GROUP BY agent_id");
        return counts;
      } catch (SQLException e) {
        throw new StoreException("counting jobs per agent", e);
      }
    }
  }

  /** Returns jobs that are offered or running and whose lease expired before {@code now}. */
  public List<Job> lapsedLeases(Instant now) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), JobStore::job,
            "SELECT * FROM jobs WHERE state IN ('offered', 'running') AND lease_expires_at < ?",
            now);
      } catch (SQLException e) {
        throw new StoreException("finding lapsed leases", e);
      }
    }
  }

  /** Counts the jobs of a pool that are queued, offered or running. */
  public int countUnfinished(String poolId) {
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), row -> row.getInt(1),
            "SELECT count(*) FROM jobs WHERE pool_id = ?"
                + " AND state IN ('queued', 'offered', 'running')", poolId).orElse(0);
      } catch (SQLException e) {
        throw new StoreException("counting jobs of pool " + poolId, e);
      }
    }
  }

  public void offer(String jobId, String leaseId, String agentId, Instant acceptBy)
      throws SQLException {
    Sql.update(database.connection(),
        "UPDATE jobs SET state = 'offered', lease_id = ?, agent_id = ?, lease_expires_at = ?"
            + " WHERE id = ?",
        leaseId, agentId, acceptBy, jobId);
  }

  public void start(String jobId, Instant expiresAt, Instant now) throws SQLException {
    Sql.update(database.connection(),
        "UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_expires_at = ?,"
            + " started_at = ? WHERE id = ?",
        expiresAt, now, jobId);
  }

  public void renew(String jobId, Instant expiresAt) throws SQLException {
    Sql.update(database.connection(), "UPDATE jobs SET lease_expires_at = ? WHERE id = ?",
        expiresAt, jobId);
  }

  public void requestCancel(String jobId) throws SQLException {
    Sql.update(database.connection(), "UPDATE jobs SET cancel_requested = 1 WHERE id = ?", jobId);
  }

  /** Puts a job back in the queue; the lapsed lease is kept so that its late result counts. */
  public void requeue(String jobId) throws SQLException {
    Sql.update(database.connection(),
        "UPDATE jobs SET state = 'queued', last_lease_id = lease_id, last_agent_id = agent_id,"
            + " lease_id = NULL, agent_id = NULL, lease_expires_at = NULL WHERE id = ?",
        jobId);
  }

  /**
   * Puts back a job whose offer lapsed unaccepted. The lease that last ran the job, if any,
   * stays on record, because the offered agent never ran it.
   */
  public void requeueUnaccepted(String jobId) throws SQLException {
    Sql.update(database.connection(),
        "UPDATE jobs SET state = 'queued', lease_id = NULL, agent_id = NULL,"
            + " lease_expires_at = NULL WHERE id = ?",
        jobId);
  }

  /**
   * Ends a job that no agent reported on, for example after its last lease lapsed. A running
   * job's lease becomes the last lease on record; otherwise the record stays as it was.
   */
  public void end(String jobId, JobState state, String message, Instant now) throws SQLException {
    Sql.update(database.connection(),
        "UPDATE jobs SET state = ?, message = ?, finished_at = ?,"
            + " last_lease_id = CASE WHEN state = 'running' THEN lease_id ELSE last_lease_id END,"
            + " last_agent_id = CASE WHEN state = 'running' THEN agent_id ELSE last_agent_id END,"
            + " lease_id = NULL, lease_expires_at = NULL WHERE id = ?",
        state.wireName(), message, now, jobId);
    redactSecrets(jobId);
  }

  /**
   * Gives every running lease at least {@code until}: after a tenant restart, agents get a
   * whole lease to reach the tenant again before their jobs count as lost.
   */
  public int extendRunningLeases(Instant until) throws SQLException {
    return Sql.update(database.connection(),
        "UPDATE jobs SET lease_expires_at = ? WHERE state = 'running' AND lease_expires_at < ?",
        until, until);
  }

  public void finish(String jobId, String agentId, JobResult result, Instant now)
      throws SQLException {
    Sql.update(database.connection(),
        "UPDATE jobs SET state = ?, result_lease_id = ?, agent_id = ?, exit_code = ?,"
            + " result = ?, output = ?, error_output = ?, output_truncated = ?, message = ?,"
            + " finished_at = ?, last_lease_id = ?, last_agent_id = ?,"
            + " lease_id = NULL, lease_expires_at = NULL WHERE id = ?",
        JobState.of(result.outcome()).wireName(), result.leaseId(), agentId, result.exitCode(),
        result.result() == null ? null : result.result().toString(), result.output(),
        result.errorOutput(), result.outputTruncated(), result.message(), now,
        result.leaseId(), agentId, jobId);
    redactSecrets(jobId);
  }

  /**
   * Replaces the values of a finished job's secret variables with {@code ***} in its stored
   * task: once no agent can need them, the database keeps no copy.
   */
  private void redactSecrets(String jobId) throws SQLException {
    Optional<String> stored = Sql.queryOne(database.connection(), row -> row.getString(1),
        "SELECT spec FROM jobs WHERE id = ?", jobId);
    if (stored.isEmpty()) {
      return;
    }
    TaskSpec spec = readSpec(stored.get());
    if (spec.secretVariables() == null || spec.secretVariables().isEmpty()
        || spec.variables() == null) {
      return;
    }
    Map<String, String> variables = new TreeMap<>(spec.variables());
    for (String name : spec.secretVariables()) {
      variables.computeIfPresent(name, (key, value) -> "***");
    }
    TaskSpec redacted = new TaskSpec(spec.shell(), spec.script(), variables,
        spec.secretVariables(), spec.timeLimitSeconds(), spec.outputCapBytes());
    Sql.update(database.connection(), "UPDATE jobs SET spec = ? WHERE id = ?",
        writeSpec(redacted), jobId);
  }

  /** Returns the agent that held the last lease on record, if any. */
  public Optional<String> lastAgent(String jobId) throws SQLException {
    return Sql.queryOne(database.connection(), row -> row.getString(1),
        "SELECT last_agent_id FROM jobs WHERE id = ?", jobId).filter(id -> id != null);
  }

  /** Returns the lease a finished job's result came with, if any. */
  public Optional<String> resultLease(String jobId) throws SQLException {
    return Sql.queryOne(database.connection(), row -> row.getString(1),
        "SELECT result_lease_id FROM jobs WHERE id = ?", jobId);
  }

  /** Returns the lease that lapsed before the job went back to the queue, if any. */
  public Optional<String> lastLease(String jobId) throws SQLException {
    return Sql.queryOne(database.connection(), row -> row.getString(1),
        "SELECT last_lease_id FROM jobs WHERE id = ?", jobId);
  }

  /** Stores log lines; a line whose sequence number is stored already is skipped. */
  public void appendLogs(String jobId, List<LogLine> lines) {
    synchronized (database.lock()) {
      try (PreparedStatement statement = database.connection().prepareStatement(
          "INSERT OR IGNORE INTO job_logs(job_id, sequence, at, stream, text)"
              + " VALUES (?,?,?,?,?)")) {
        for (LogLine line : lines) {
          statement.setString(1, jobId);
          statement.setLong(2, line.sequence());
          statement.setString(3, String.valueOf(line.at()));
          statement.setString(4, line.stream());
          statement.setString(5, line.text());
          statement.addBatch();
        }
        statement.executeBatch();
      } catch (SQLException e) {
        throw new StoreException("storing log lines of job " + jobId, e);
      }
    }
  }

  public List<LogLine> logs(String jobId) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(),
            row -> new LogLine(row.getLong("sequence"), Sql.instant(row, "at"),
                row.getString("stream"), row.getString("text")),
            "SELECT * FROM job_logs WHERE job_id = ? ORDER BY sequence", jobId);
      } catch (SQLException e) {
        throw new StoreException("reading the log of job " + jobId, e);
      }
    }
  }

  private static String writeSpec(TaskSpec spec) {
    try {
      return Json.mapper().writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode task: " + e.getOriginalMessage(), e);
    }
  }

  private static TaskSpec readSpec(String text) throws SQLException {
    try {
      return Json.mapper().readValue(text, TaskSpec.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored task is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Job job(ResultSet row) throws SQLException {
    return new Job(row.getString("id"), row.getString("pool_id"),
        Role.parse(row.getString("role")), readSpec(row.getString("spec")),
        JobState.parse(row.getString("state")), row.getInt("attempt"),
        row.getInt("max_attempts"), row.getString("lease_id"), row.getString("agent_id"),
        Sql.instant(row, "lease_expires_at"), row.getInt("cancel_requested") != 0,
        Sql.instant(row, "created_at"), Sql.instant(row, "started_at"),
        Sql.instant(row, "finished_at"), Sql.nullableInt(row, "exit_code"),
        row.getString("result"), row.getString("output"), row.getString("error_output"),
        row.getInt("output_truncated") != 0, row.getString("message"),
        AgentStore.readTags(row.getString("required_tags")), Sql.instant(row, "queue_deadline"));
  }
}

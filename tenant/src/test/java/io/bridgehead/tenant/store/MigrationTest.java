package io.bridgehead.tenant.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.wire.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version-1 database opened by this tenant keeps its pools, keys, agents and jobs. */
class MigrationTest {
  private static final Instant CREATED = Instant.parse("2025-06-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String CREDENTIAL = "agt_old.secret-part";

  @TempDir
  Path folder;

  private Path file;

  @BeforeEach
  void writeVersionOneDatabase() throws SQLException {
    file = folder.resolve("tenant.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = connection.createStatement()) {
      for (String sql : Schema.VERSION_1) {
        statement.execute(sql);
      }
      statement.execute("PRAGMA user_version=1");
      statement.execute("INSERT INTO pools VALUES ('p_old', 'servers', '" + CREATED + "')");
      statement.execute("INSERT INTO pools VALUES ('p_new', 'backup', '"
          + CREATED.plusSeconds(60) + "')");
      statement.execute("INSERT INTO enrollment_keys VALUES ('k_used', 'p_old', '"
          + Secrets.hash("bhk_used") + "', '" + CREATED + "', '" + NOW.plusSeconds(3600)
          + "', '" + CREATED + "', 'agt_old')");
      statement.execute("INSERT INTO enrollment_keys VALUES ('k_free', 'p_old', '"
          + Secrets.hash("bhk_free") + "', '" + CREATED + "', '" + NOW.plusSeconds(3600)
          + "', NULL, NULL)");
      statement.execute("INSERT INTO agents VALUES ('agt_old', 'p_old', 'host-1',"
          + " 'automation', '0.1.0', 'Linux', '" + Secrets.hash(CREDENTIAL) + "', '" + CREATED
          + "', '" + CREATED + "')");
      statement.execute("INSERT INTO jobs(id, pool_id, role, spec, state, max_attempts,"
          + " created_at) VALUES ('job_old', 'p_old', 'automation', '{\"shell\": \"sh\","
          + " \"script\": \"true\", \"variables\": {}, \"timeLimitSeconds\": 60,"
          + " \"outputCapBytes\": 4096}', 'queued', 3, '" + CREATED + "')");
    }
  }

  @Test
  void schemaVersionIsRaised() throws Exception {
    try (Database database = Database.open(file)) {
      synchronized (database.lock()) {
        try (Statement statement = database.connection().createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(Database.SCHEMA_VERSION);
        }
      }
    }
  }

  @Test
  void poolsSurviveAndOldestIsDefault() throws Exception {
    try (Database database = Database.open(file)) {
      PoolStore pools = new PoolStore(database);

      assertThat(pools.list()).extracting(Pool::name).containsExactly("backup", "servers");
      assertThat(pools.findDefault()).map(Pool::name).contains("servers");
    }
  }

  @Test
  void agentKeepsCredentialAndGainsState() throws Exception {
    try (Database database = Database.open(file)) {
      PoolStore pools = new PoolStore(database);
      AgentStore agents = new AgentStore(database, pools, new EventStore(database));

      Optional<Agent> agent = agents.authenticate(CREDENTIAL);

      assertThat(agent).isPresent();
      assertThat(agent.get().hostName()).isEqualTo("host-1");
      assertThat(agent.get().tags()).isEmpty();
      assertThat(agent.get().disabled()).isFalse();
      assertThat(agent.get().activeInstance()).isNull();
    }
  }

  @Test
  void usedKeyStaysUsedAndFreeKeyWorks() throws Exception {
    try (Database database = Database.open(file)) {
      PoolStore pools = new PoolStore(database);
      AgentStore agents = new AgentStore(database, pools, new EventStore(database));

      List<EnrollmentKey> keys = pools.listKeys("p_old");
      Optional<AgentStore.Enrollment> withUsed =
          agents.enroll("bhk_used", "host-2", List.of(Role.AUTOMATION), "1", "Linux", NOW);
      Optional<AgentStore.Enrollment> withFree =
          agents.enroll("bhk_free", "host-2", List.of(Role.AUTOMATION), "1", "Linux", NOW);

      assertThat(keys).filteredOn(key -> key.id().equals("k_used"))
          .extracting(EnrollmentKey::usesLeft).containsExactly(0);
      assertThat(withUsed).isEmpty();
      assertThat(withFree).isPresent();
    }
  }

  @Test
  void queuedJobHasNoTagsAndNoDeadline() throws Exception {
    try (Database database = Database.open(file)) {
      JobStore jobs = new JobStore(database);

      List<Job> queued = jobs.queued("p_old", Set.of(Role.AUTOMATION));

      assertThat(queued).extracting(Job::id).containsExactly("job_old");
      assertThat(queued.get(0).requiredTags()).isEmpty();
      assertThat(queued.get(0).queueDeadline()).isNull();
    }
  }

  @Test
  void poolsWantNoUpdateAfterMigration() throws Exception {
    try (Database database = Database.open(file)) {
      PoolStore pools = new PoolStore(database);
      AgentStore agents = new AgentStore(database, pools, new EventStore(database));

      assertThat(pools.list()).extracting(Pool::targetVersion).containsOnlyNulls();
      assertThat(pools.list()).extracting(Pool::updateWindow).containsOnlyNulls();
      assertThat(new ReleaseStore(database, folder).list()).isEmpty();
      assertThat(agents.find("agt_old").orElseThrow().lastUpdate()).isNull();
    }
  }

  @Test
  void reopeningMigratedDatabaseChangesNothing() throws Exception {
    Database.open(file).close();

    try (Database database = Database.open(file)) {
      assertThat(new PoolStore(database).list()).hasSize(2);
      assertThat(new EventStore(database).recent(10)).isEmpty();
    }
  }

  @Test
  void newDatabaseGetsTheSameSchema() throws Exception {
    try (Database database = Database.open(folder.resolve("fresh.db"))) {
      PoolStore pools = new PoolStore(database);

      Pool first = pools.create("first", NOW).orElseThrow();
      Pool second = pools.create("second", NOW).orElseThrow();

      assertThat(first.isDefault()).isTrue();
      assertThat(second.isDefault()).isFalse();
      assertThat(pools.createEnrollmentKey(first.id(), 2, Duration.ofHours(1), NOW).stored()
          .usesLeft()).isEqualTo(2);
    }
  }
}

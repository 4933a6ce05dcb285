package io.bridgehead.tenant.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrollment key uses, expiry and revocation, at given instants. */
class EnrollmentKeyStoreTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir
  Path folder;

  private Database database;
  private PoolStore pools;
  private AgentStore agents;
  private Pool pool;

  @BeforeEach
  void openStore() throws IOException {
    database = Database.open(folder.resolve("tenant.db"));
    pools = new PoolStore(database);
    agents = new AgentStore(database, pools, new EventStore(database));
    pool = pools.create("servers", NOW).orElseThrow();
  }

  @AfterEach
  void closeStore() {
    database.close();
  }

  @Test
  void oneTimeKeyEnrollsOnce() {
    String key = pools.createEnrollmentKey(pool.id(), Duration.ofHours(24), NOW);

    assertThat(enroll(key, NOW)).isPresent();
    assertThat(enroll(key, NOW)).isEmpty();
  }

  @Test
  void keyWithThreeUsesEnrollsThree() {
    PoolStore.NewKey key = pools.createEnrollmentKey(pool.id(), 3, Duration.ofHours(24), NOW);

    for (int i = 0; i < 3; i++) {
      assertThat(enroll(key.key(), NOW)).as("use %d", i + 1).isPresent();
    }
    assertThat(enroll(key.key(), NOW)).isEmpty();
    assertThat(pools.listKeys(pool.id()).get(0).usesLeft()).isZero();
  }

  @Test
  void expiredKeyIsRejected() {
    String key = pools.createEnrollmentKey(pool.id(), Duration.ofHours(24), NOW);

    assertThat(enroll(key, NOW.plus(Duration.ofHours(24)).plusSeconds(1))).isEmpty();
    assertThat(enroll(key, NOW.plus(Duration.ofHours(23)))).isPresent();
  }

  @Test
  void revokedKeyIsRejected() {
    PoolStore.NewKey key = pools.createEnrollmentKey(pool.id(), 5, Duration.ofHours(24), NOW);

    Optional<EnrollmentKey> revoked = pools.revokeKey(key.stored().id(), NOW);

    assertThat(revoked).isPresent();
    assertThat(revoked.get().revokedAt()).isEqualTo(NOW);
    assertThat(revoked.get().isUsable(NOW)).isFalse();
    assertThat(enroll(key.key(), NOW)).isEmpty();
  }

  @Test
  void revokingUnknownKeyFindsNothing() {
    assertThat(pools.revokeKey("key_none", NOW)).isEmpty();
  }

  @Test
  void listedKeysNeverContainTheKey() {
    PoolStore.NewKey key = pools.createEnrollmentKey(pool.id(), 1, Duration.ofHours(1), NOW);

    List<EnrollmentKey> keys = pools.listKeys(pool.id());

    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).toString()).doesNotContain(key.key());
    assertThat(keys.get(0).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  private Optional<AgentStore.Enrollment> enroll(String key, Instant at) {
    return agents.enroll(key, "host", List.of(Role.AUTOMATION), "1", "Linux", at);
  }
}

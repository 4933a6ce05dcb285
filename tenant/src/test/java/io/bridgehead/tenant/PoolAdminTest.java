package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.tenant.admin.AdminException;
import io.bridgehead.tenant.admin.EnrollmentKeyInfo;
import io.bridgehead.tenant.admin.EnrollmentKeyView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pools and enrollment keys through the admin API of a real tenant. */
class PoolAdminTest {
  private static final TaskSpec TASK =
      new TaskSpec(ScriptShell.SH, "true", Map.of(), Set.of(), 60, 4096);

  @TempDir
  Path folder;

  private TestTenant tenant;

  @BeforeEach
  void startTenant() throws IOException {
    tenant = TestTenant.start(folder);
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void firstPoolIsDefault() throws IOException {
    tenant.admin.createPool("first");
    tenant.admin.createPool("second");

    List<PoolView> pools = tenant.admin.pools();

    assertThat(pools).filteredOn(PoolView::defaultPool).extracting(PoolView::name)
        .containsExactly("first");
  }

  @Test
  void taskWithoutPoolGoesToDefault() throws IOException {
    tenant.admin.createPool("first");
    tenant.admin.createPool("second");
    tenant.admin.setDefaultPool("second");

    JobView job = tenant.admin.submit(new SubmitTaskRequest(null, TASK, null));

    assertThat(job.pool()).isEqualTo("second");
    assertThat(job.queueDeadline()).isNotNull();
  }

  @Test
  void taskWithoutAnyPoolIsRejected() {
    assertThatThrownBy(() -> tenant.admin.submit(new SubmitTaskRequest(null, TASK, null)))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("no pool exists");
  }

  @Test
  void poolListShowsItsAgents() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");

    PoolView pool = tenant.admin.pools().get(0);

    assertThat(pool.members()).hasSize(1);
    assertThat(pool.members().get(0).id()).isEqualTo(agent.agentId());
    assertThat(pool.onlineAgents()).isEqualTo(1);
  }

  @Test
  void renameKeepsAgents() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("old");

    PoolView renamed = tenant.admin.renamePool("old", "new");

    assertThat(renamed.name()).isEqualTo("new");
    assertThat(renamed.members()).extracting(member -> member.id())
        .containsExactly(agent.agentId());
  }

  @Test
  void renameToTakenNameIsRejected() throws IOException {
    tenant.admin.createPool("a");
    tenant.admin.createPool("b");

    assertThatThrownBy(() -> tenant.admin.renamePool("a", "b"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("a pool of that name exists");
  }

  @Test
  void deleteLastPoolIsRejected() throws IOException {
    tenant.admin.createPool("only");

    assertThatThrownBy(() -> tenant.admin.deletePool("only"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("is the only pool")
        .hasMessageContaining("create another pool first");
  }

  @Test
  void deleteDefaultPoolIsRejected() throws IOException {
    tenant.admin.createPool("first");
    tenant.admin.createPool("second");

    assertThatThrownBy(() -> tenant.admin.deletePool("first"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("is the default pool")
        .hasMessageContaining("pool set-default NAME");
  }

  @Test
  void deletePoolWithAgentsIsRejected() throws IOException {
    tenant.admin.createPool("first");
    tenant.enrollAgent("second");

    assertThatThrownBy(() -> tenant.admin.deletePool("second"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("has 1 agent(s)")
        .hasMessageContaining("agent remove ID");
  }

  @Test
  void deletePoolWithQueuedJobIsRejected() throws IOException {
    tenant.admin.createPool("first");
    tenant.admin.createPool("second");
    tenant.admin.submit(new SubmitTaskRequest("second", TASK, null));

    assertThatThrownBy(() -> tenant.admin.deletePool("second"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("has 1 queued or running job(s)")
        .hasMessageContaining("job cancel ID");
  }

  @Test
  void deleteUnusedPoolRemovesIt() throws IOException {
    tenant.admin.createPool("first");
    tenant.admin.createPool("second");
    JobView job = tenant.admin.submit(new SubmitTaskRequest("second", TASK, null));
    tenant.admin.cancel(job.id());

    assertThat(tenant.admin.deletePool("second").deletedJobs()).isEqualTo(1);
    assertThat(tenant.admin.pools()).extracting(PoolView::name).containsExactly("first");
  }

  @Test
  void keyWithUsesEnrollsThatMany() throws IOException {
    tenant.admin.createPool("servers");
    EnrollmentKeyView key = tenant.admin.createEnrollmentKey("servers", 2, Duration.ofHours(1));

    tenant.enrollWith(key.enrollmentKey());
    tenant.enrollWith(key.enrollmentKey());

    assertThatThrownBy(() -> tenant.enrollWith(key.enrollmentKey()))
        .hasMessageContaining("401");
  }

  @Test
  void keyListShowsUsesButNotKey() throws IOException {
    EnrollmentKeyView first = tenant.admin.createPool("servers");
    tenant.enrollWith(first.enrollmentKey());

    List<EnrollmentKeyInfo> keys = tenant.admin.enrollmentKeys("servers");

    assertThat(keys).hasSize(1);
    EnrollmentKeyInfo key = keys.get(0);
    assertThat(key.id()).isEqualTo(first.keyId());
    assertThat(key.uses()).isEqualTo(1);
    assertThat(key.usesLeft()).isZero();
    assertThat(key.revoked()).isFalse();
    assertThat(key.usable()).isFalse();
    assertThat(key.expiresAt()).isEqualTo(first.expiresAt());
    assertThat(key.toString()).doesNotContain(first.enrollmentKey());
  }

  @Test
  void revokedKeyNoLongerEnrolls() throws IOException {
    EnrollmentKeyView key = tenant.admin.createPool("servers");

    EnrollmentKeyInfo revoked = tenant.admin.revokeEnrollmentKey(key.keyId());

    assertThat(revoked.revoked()).isTrue();
    assertThatThrownBy(() -> tenant.enrollWith(key.enrollmentKey()))
        .hasMessageContaining("401").hasMessageContaining("revoked");
  }

  @Test
  void invalidKeyValidityIsRejected() throws IOException {
    tenant.admin.createPool("servers");

    assertThatThrownBy(() -> tenant.admin.createEnrollmentKey("servers", 1,
        Duration.ofSeconds(5)))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("field 'validForSeconds' is 5");
  }

  @Test
  void enrollmentStringCarriesKeyAndTenant() throws IOException {
    EnrollmentKeyView key = tenant.admin.createPool("servers");

    EnrollmentString decoded = EnrollmentString.decode(key.enrollmentString());

    assertThat(decoded.key()).isEqualTo(key.enrollmentKey());
    assertThat(decoded.tenant()).isEqualTo(tenant.server.url());
    assertThat(decoded.fingerprint()).isEqualTo(tenant.server.fingerprint().hex());
  }
}

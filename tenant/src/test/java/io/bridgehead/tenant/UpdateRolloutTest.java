package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.tenant.admin.AdminException;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.EventView;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.ReleaseView;
import io.bridgehead.tenant.admin.UpdateRetried;
import io.bridgehead.tenant.jobs.MutableClock;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.UpdateReport;
import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target versions, the one-at-a-time rollout, update windows and update reports, through the
 * heartbeats of agents of a real tenant. The tenant's clock starts on Thursday 2026-01-01 at
 * 00:00 UTC.
 */
class UpdateRolloutTest {
  private static final String OLD = "0.1.0";
  private static final String NEW = "1.2.0";

  @TempDir
  Path folder;

  private final MutableClock clock = new MutableClock();
  private TestTenant tenant;
  private ReleaseView release;

  @BeforeEach
  void startTenantWithRelease() throws IOException {
    KeyPair key = ReleaseKeys.generate();
    tenant = TestTenant.start(folder.resolve("tenant"),
        UpdateSettings.defaults().withReleaseKey(key.getPublic()), clock);
    release = tenant.admin.publishRelease(TestPackages.build(folder, key.getPrivate(), NEW));
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void poolWithoutTargetWantsOwnVersion() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");

    HeartbeatResponse response = heartbeat(agent, OLD, null);

    assertThat(response.wantedVersion()).isEqualTo(OLD);
    assertThat(response.packageSize()).isNull();
    assertThat(response.packageSha256()).isNull();
    assertThat(response.updateWindow()).isNull();
  }

  @Test
  void heartbeatCarriesTargetAndPackage() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");
    PoolView pool = tenant.admin.setTargetVersion("servers", NEW);

    HeartbeatResponse response = heartbeat(agent, OLD, null);

    assertThat(pool.targetVersion()).isEqualTo(NEW);
    assertThat(response.wantedVersion()).isEqualTo(NEW);
    assertThat(response.packageSize()).isEqualTo(release.size());
    assertThat(response.packageSha256()).isEqualTo(release.sha256());
    assertThat(heartbeat(agent, NEW, null).wantedVersion()).isEqualTo(NEW);
    assertThat(heartbeat(agent, NEW, null).packageSize()).isNull();
  }

  @Test
  void twoAgentsUpdateOneAtATime() throws IOException {
    List<EnrollResponse> agents = enrollTwo();
    EnrollResponse first = agents.get(0);
    EnrollResponse second = agents.get(1);
    tenant.admin.setTargetVersion("servers", NEW);

    HeartbeatResponse firstOffered = heartbeat(first, OLD, null);
    HeartbeatResponse secondWaits = heartbeat(second, OLD, null);
    HeartbeatResponse firstOfferedAgain = heartbeat(first, OLD, null);
    PoolView during = pool();
    heartbeat(first, NEW, null);
    HeartbeatResponse secondOffered = heartbeat(second, OLD, null);

    assertThat(firstOffered.wantedVersion()).isEqualTo(NEW);
    assertThat(secondWaits.wantedVersion()).isEqualTo(OLD);
    assertThat(firstOfferedAgain.wantedVersion()).isEqualTo(NEW);
    assertThat(during.updatingAgentId()).isEqualTo(first.agentId());
    assertThat(secondOffered.wantedVersion()).isEqualTo(NEW);
    assertThat(pool().updatingAgentId()).isEqualTo(second.agentId());
    assertThat(tenant.admin.events(10)).filteredOn(event -> event.kind()
        .equals("update_started")).extracting(EventView::agentId)
        .containsExactly(second.agentId(), first.agentId());
  }

  @Test
  void failedReportBlocksVersionUntilRetry() throws IOException {
    List<EnrollResponse> agents = enrollTwo();
    EnrollResponse first = agents.get(0);
    EnrollResponse second = agents.get(1);
    tenant.admin.setTargetVersion("servers", NEW);
    heartbeat(first, OLD, null);

    TestTenant.Answer report = report(first, new UpdateReport(NEW, "failed",
        "health check failed after 60 s", "line 1\nline 2"));
    HeartbeatResponse firstAfterFailure = heartbeat(first, OLD, null);
    HeartbeatResponse secondOffered = heartbeat(second, OLD, null);
    heartbeat(second, NEW, null);
    HeartbeatResponse firstStillBlocked = heartbeat(first, OLD, null);
    UpdateRetried retried = tenant.admin.retryUpdate(first.agentId());
    HeartbeatResponse firstAfterRetry = heartbeat(first, OLD, null);

    assertThat(report.status()).isEqualTo(204);
    assertThat(firstAfterFailure.wantedVersion()).isEqualTo(OLD);
    assertThat(secondOffered.wantedVersion()).isEqualTo(NEW);
    assertThat(firstStillBlocked.wantedVersion()).isEqualTo(OLD);
    assertThat(retried.versions()).containsExactly(NEW);
    assertThat(firstAfterRetry.wantedVersion()).isEqualTo(NEW);
    AgentView failed = agent(first);
    assertThat(failed.lastUpdate().outcome()).isEqualTo("failed");
    assertThat(failed.lastUpdate().version()).isEqualTo(NEW);
    assertThat(failed.lastUpdate().reason()).isEqualTo("health check failed after 60 s");
    assertThat(failed.lastUpdate().logTail()).isEqualTo("line 1\nline 2");
    assertThat(tenant.admin.events(20)).extracting(EventView::kind)
        .contains("update_failed", "update_retry");
  }

  @Test
  void removedAgentFreesRollout() throws IOException {
    List<EnrollResponse> agents = enrollTwo();
    tenant.admin.setTargetVersion("servers", NEW);
    heartbeat(agents.get(0), OLD, null);
    tenant.admin.removeAgent(agents.get(0).agentId());

    HeartbeatResponse secondOffered = heartbeat(agents.get(1), OLD, null);

    assertThat(secondOffered.wantedVersion()).isEqualTo(NEW);
    assertThat(pool().updatingAgentId()).isEqualTo(agents.get(1).agentId());
  }

  @Test
  void newTargetRestartsRollout() throws IOException {
    List<EnrollResponse> agents = enrollTwo();
    tenant.admin.setTargetVersion("servers", NEW);
    heartbeat(agents.get(0), OLD, null);
    tenant.admin.setTargetVersion("servers", null);

    PoolView cleared = pool();
    HeartbeatResponse noUpdate = heartbeat(agents.get(1), OLD, null);

    assertThat(cleared.updatingAgentId()).isNull();
    assertThat(noUpdate.wantedVersion()).isEqualTo(OLD);
  }

  @Test
  void silentAgentTimesOutAndNextIsOffered() throws IOException {
    List<EnrollResponse> agents = enrollTwo();
    EnrollResponse first = agents.get(0);
    EnrollResponse second = agents.get(1);
    tenant.admin.setTargetVersion("servers", NEW);
    heartbeat(first, OLD, null);
    clock.advance(UpdateSettings.DEFAULT_ROLLOUT_TIMEOUT.plusSeconds(1));

    HeartbeatResponse secondOffered = heartbeat(second, OLD, null);
    HeartbeatResponse firstWaits = heartbeat(first, OLD, null);
    heartbeat(second, NEW, null);
    HeartbeatResponse firstOfferedAgain = heartbeat(first, OLD, null);

    assertThat(secondOffered.wantedVersion()).isEqualTo(NEW);
    assertThat(firstWaits.wantedVersion()).isEqualTo(OLD);
    assertThat(firstOfferedAgain.wantedVersion()).isEqualTo(NEW);
    assertThat(agent(first).lastUpdate().outcome()).isEqualTo("timed_out");
    assertThat(tenant.admin.events(20)).filteredOn(event -> event.kind()
        .equals("update_timed_out")).extracting(EventView::message).singleElement()
        .asString().contains("update of agent " + first.agentId() + " to " + NEW
            + " timed out");
  }

  @Test
  void windowHoldsUpdateUntilItOpens() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");
    tenant.admin.setTargetVersion("servers", NEW);
    PoolView pool = tenant.admin.setUpdateWindow("servers", "Thu 08:00-10:00");

    HeartbeatResponse inUtc = heartbeat(agent, OLD, "UTC");
    HeartbeatResponse inTokyo = heartbeat(agent, OLD, "Asia/Tokyo");

    assertThat(pool.updateWindow()).isEqualTo("thu 08:00-10:00");
    assertThat(inUtc.wantedVersion()).isEqualTo(OLD);
    assertThat(inUtc.updateWindow()).isEqualTo("thu 08:00-10:00");
    assertThat(inTokyo.wantedVersion()).isEqualTo(NEW);
  }

  @Test
  void agentWithoutTimeZoneGetsWindow() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");
    tenant.admin.setTargetVersion("servers", NEW);
    tenant.admin.setUpdateWindow("servers", "sat,sun 00:00-24:00");

    HeartbeatResponse response = heartbeat(agent, OLD, null);

    assertThat(response.wantedVersion()).isEqualTo(NEW);
    assertThat(response.updateWindow()).isEqualTo("sat-sun 00:00-24:00");
  }

  @Test
  void windowAnyClearsIt() throws IOException {
    tenant.admin.createPool("servers");
    tenant.admin.setUpdateWindow("servers", "mon-fri 01:00-05:00");

    PoolView cleared = tenant.admin.setUpdateWindow("servers", "any");

    assertThat(cleared.updateWindow()).isNull();
  }

  @Test
  void badWindowTextIsRejected() throws IOException {
    tenant.admin.createPool("servers");

    assertThatThrownBy(() -> tenant.admin.setUpdateWindow("servers", "weekdays at night"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("invalid update window 'weekdays at night'")
        .hasMessageContaining("mon-fri 01:00-05:00");
    assertThat(pool().updateWindow()).isNull();
  }

  @Test
  void badTimeZoneIsRejected() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");

    TestTenant.Answer answer = tenant.heartbeat(agent.credential(), OLD, "Mars/Olympus");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("field 'timeZone' is 'Mars/Olympus'");
  }

  @Test
  void badReportIsRejected() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");

    TestTenant.Answer badOutcome = report(agent, new UpdateReport(NEW, "maybe", null, null));
    TestTenant.Answer badVersion = report(agent, new UpdateReport("new", "ok", null, null));

    assertThat(badOutcome.status()).isEqualTo(400);
    assertThat(badOutcome.body()).contains("field 'outcome' is 'maybe'; use ok or failed");
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(badVersion.body()).contains("version 'new' is not valid");
  }

  @Test
  void reportKeepsEndOfLongLog() throws IOException {
    EnrollResponse agent = tenant.enrollAgent("servers");
    String log = "x".repeat(AgentApi.MAX_UPDATE_LOG_CHARS) + "the last line";

    report(agent, new UpdateReport(NEW, "ok", null, log));
    String kept = agent(agent).lastUpdate().logTail();

    assertThat(kept).hasSize(AgentApi.MAX_UPDATE_LOG_CHARS);
    assertThat(kept).endsWith("the last line");
    assertThat(agent(agent).lastUpdate().outcome()).isEqualTo("ok");
  }

  @Test
  void retryOfUnknownAgentIsNotFound() {
    assertThatThrownBy(() -> tenant.admin.retryUpdate("agt_none"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("agent 'agt_none' not found");
  }

  private List<EnrollResponse> enrollTwo() throws IOException {
    String key = tenant.admin.createPool("servers", 2, Duration.ofHours(1)).enrollmentKey();
    return List.of(tenant.enrollWith(key), tenant.enrollWith(key));
  }

  private HeartbeatResponse heartbeat(EnrollResponse agent, String version, String timeZone)
      throws IOException {
    TestTenant.Answer answer = tenant.heartbeat(agent.credential(), version, timeZone);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return Json.mapper().readValue(answer.body(), HeartbeatResponse.class);
  }

  private TestTenant.Answer report(EnrollResponse agent, UpdateReport report)
      throws IOException {
    return tenant.post(AgentApi.UPDATE_REPORT, Json.mapper().writeValueAsString(report),
        agent.credential());
  }

  private PoolView pool() throws IOException {
    return tenant.admin.pools().stream().filter(pool -> pool.name().equals("servers"))
        .findFirst().orElseThrow();
  }

  private AgentView agent(EnrollResponse agent) throws IOException {
    return tenant.admin.agents().stream().filter(view -> view.id().equals(agent.agentId()))
        .findFirst().orElseThrow();
  }
}

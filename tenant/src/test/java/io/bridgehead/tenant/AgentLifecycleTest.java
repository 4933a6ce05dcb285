package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.EventView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.jobs.MutableClock;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.Json;
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

/**
 * Agent state as operators and agents see it over HTTPS: tags, disable, enable, remove,
 * offline and back online, and clone detection by instance id. The tenant's clock is moved by
 * hand.
 */
class AgentLifecycleTest {
  private static final TaskSpec TASK =
      new TaskSpec(ScriptShell.SH, "true", Map.of(), Set.of(), 60, 4096);

  @TempDir
  Path folder;

  private final MutableClock clock = new MutableClock();
  private TestTenant tenant;
  private EnrollResponse agent;

  @BeforeEach
  void startTenant() throws IOException {
    tenant = TestTenant.start(folder, clock);
    String key = tenant.admin.createPool("servers").enrollmentKey();
    agent = tenant.enrollWith(key, List.of("linux", "gpu"));
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void agentListShowsTagsAndState() throws IOException {
    AgentView view = tenant.admin.agents().get(0);

    assertThat(view.tags()).containsExactly("gpu", "linux");
    assertThat(view.powershellVersion()).isEqualTo("7.4.1");
    assertThat(view.state()).isEqualTo("online");
  }

  @Test
  void silentAgentIsOffline() throws IOException {
    clock.advance(Duration.ofSeconds(61));

    assertThat(tenant.admin.agents().get(0).state()).isEqualTo("offline");
  }

  @Test
  void disabledAgentPollIsForbidden() throws IOException {
    tenant.admin.disableAgent(agent.agentId());

    TestTenant.Answer answer = tenant.poll(agent.credential(), null);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(code(answer)).isEqualTo(AgentApi.AGENT_DISABLED);
    assertThat(message(answer)).contains("is disabled").contains("agent enable");
    assertThat(tenant.admin.agents().get(0).state()).isEqualTo("disabled");
  }

  @Test
  void disabledAgentFinishesRunningJob() throws IOException {
    tenant.admin.submit(new SubmitTaskRequest("servers", TASK, null));
    JsonNode offer = Json.mapper().readTree(tenant.poll(agent.credential(), null).body());
    String jobId = offer.path("jobId").asText();
    String lease = "{\"leaseId\": \"" + offer.path("leaseId").asText() + "\"}";
    tenant.post(AgentApi.acceptPath(jobId), lease, agent.credential());

    tenant.admin.disableAgent(agent.agentId());

    assertThat(tenant.post(AgentApi.renewPath(jobId), lease, agent.credential()).status())
        .isEqualTo(200);
    String result = "{\"leaseId\": \"" + offer.path("leaseId").asText() + "\", \"outcome\":"
        + " \"succeeded\", \"exitCode\": 0, \"output\": \"\", \"errorOutput\": \"\","
        + " \"outputTruncated\": false, \"message\": \"done\"}";
    assertThat(tenant.post(AgentApi.resultPath(jobId), result, agent.credential()).status())
        .isEqualTo(204);
    JobView job = tenant.admin.job(jobId, Duration.ZERO);
    assertThat(job.state()).isEqualTo("succeeded");
  }

  @Test
  void enabledAgentPollsAgain() throws IOException {
    tenant.admin.disableAgent(agent.agentId());

    tenant.admin.enableAgent(agent.agentId());

    assertThat(tenant.poll(agent.credential(), null).status()).isEqualTo(204);
  }

  @Test
  void removedAgentCredentialStopsAtOnce() throws IOException {
    tenant.admin.removeAgent(agent.agentId());

    TestTenant.Answer answer = tenant.heartbeat(agent.credential(), null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(code(answer)).isEqualTo(AgentApi.INVALID_CREDENTIAL);
    assertThat(tenant.admin.agents()).isEmpty();
  }

  @Test
  void operatorActionsAreEvents() throws IOException {
    tenant.admin.disableAgent(agent.agentId());
    tenant.admin.enableAgent(agent.agentId());
    tenant.admin.removeAgent(agent.agentId());

    List<EventView> events = tenant.admin.events(10);

    assertThat(events).extracting(EventView::kind)
        .containsExactly("agent_removed", "agent_enabled", "agent_disabled");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.pool()).isEqualTo("servers");
      assertThat(event.agentId()).isEqualTo(agent.agentId());
      assertThat(event.at()).isNotNull();
    });
  }

  @Test
  void offlineAndBackOnlineAreEvents() throws Exception {
    clock.advance(Duration.ofSeconds(61));
    List<EventView> offline = awaitEvents(1);

    tenant.heartbeat(agent.credential(), null);

    assertThat(offline.get(0).kind()).isEqualTo("agent_offline");
    assertThat(offline.get(0).message()).contains("is offline");
    assertThat(tenant.admin.events(10).get(0).kind()).isEqualTo("agent_online");
  }

  @Test
  void secondInstanceIsRejectedAsClone() throws IOException {
    assertThat(tenant.heartbeat(agent.credential(), "first").status()).isEqualTo(200);

    TestTenant.Answer answer = tenant.heartbeat(agent.credential(), "second");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(code(answer)).isEqualTo(AgentApi.AGENT_CLONED);
    assertThat(message(answer)).contains("another process uses the credential")
        .contains("127.0.0.1").contains("cloned server or a copied data folder")
        .contains("bridgehead agent enroll").contains("new enrollment key");
    assertThat(tenant.heartbeat(agent.credential(), "first").status()).isEqualTo(200);
  }

  @Test
  void cloneIsRecordedOncePerInstance() throws IOException {
    tenant.heartbeat(agent.credential(), "first");

    tenant.heartbeat(agent.credential(), "second");
    tenant.heartbeat(agent.credential(), "second");
    tenant.heartbeat(agent.credential(), "third");

    List<EventView> clones = tenant.admin.events(10).stream()
        .filter(event -> event.kind().equals("agent_cloned")).toList();
    assertThat(clones).hasSize(2);
    assertThat(clones.get(0).message()).contains("instance third");
    assertThat(clones.get(1).message()).contains("instance second");
  }

  @Test
  void newInstanceTakesOverAfterThreshold() throws IOException {
    tenant.heartbeat(agent.credential(), "crashed");
    clock.advance(Duration.ofSeconds(61));

    assertThat(tenant.heartbeat(agent.credential(), "restarted").status()).isEqualTo(200);
    assertThat(tenant.heartbeat(agent.credential(), "crashed").status()).isEqualTo(409);
  }

  @Test
  void goodbyeLetsNextInstanceStartAtOnce() throws IOException {
    tenant.heartbeat(agent.credential(), "stopping");

    TestTenant.Answer goodbye = tenant.post(AgentApi.GOODBYE, "", agent.credential(),
        "stopping");

    assertThat(goodbye.status()).isEqualTo(204);
    assertThat(tenant.heartbeat(agent.credential(), "next").status()).isEqualTo(200);
  }

  @Test
  void goodbyeFromCloneIsRejected() throws IOException {
    tenant.heartbeat(agent.credential(), "first");

    assertThat(tenant.post(AgentApi.GOODBYE, "", agent.credential(), "clone").status())
        .isEqualTo(409);
    assertThat(tenant.heartbeat(agent.credential(), "other").status()).isEqualTo(409);
  }

  @Test
  void requestWithoutInstanceSkipsCheck() throws IOException {
    tenant.heartbeat(agent.credential(), "first");

    assertThat(tenant.heartbeat(agent.credential(), null).status()).isEqualTo(200);
  }

  @Test
  void invalidInstanceIdIsBadRequest() throws IOException {
    TestTenant.Answer answer = tenant.heartbeat(agent.credential(), "x".repeat(129));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(message(answer)).contains(AgentApi.INSTANCE_HEADER);
  }

  /** Waits, up to 10 s, for the sweeper to record {@code count} events. */
  private List<EventView> awaitEvents(int count) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<EventView> events = tenant.admin.events(10);
      if (events.size() >= count) {
        return events;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " events within 10 s, got " + events);
      }
      Thread.sleep(50);
    }
  }

  private static String code(TestTenant.Answer answer) throws IOException {
    return Json.mapper().readTree(answer.body()).path("error").asText();
  }

  private static String message(TestTenant.Answer answer) throws IOException {
    return Json.mapper().readTree(answer.body()).path("message").asText();
  }
}

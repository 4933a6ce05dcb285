package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.EnrollmentKeyView;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool, agent, event and task commands of {@code bridgehead tenant} on a real tenant. */
class TenantAdminCommandsTest {
  @TempDir
  Path folder;

  private TenantServer tenant;
  private Path data;

  @BeforeEach
  void startTenant() throws IOException {
    data = folder.resolve("tenant");
    tenant = TenantServer.start(TenantSettings.defaults(data).withPort(0));
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void poolCreatePrintsEnrollmentString() {
    CommandRun run = tenant("pool", "create", "servers", "--uses", "3", "--valid-for", "2h");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Created pool servers").contains("3 uses")
        .contains("Enrollment string");
    String line = run.out().lines().filter(text -> text.startsWith("bh1.")).findFirst()
        .orElseThrow();
    EnrollmentString decoded = EnrollmentString.decode(line);
    assertThat(decoded.tenant()).isEqualTo(tenant.url());
    assertThat(run.out()).contains(decoded.key());
  }

  @Test
  void keysListsWithoutKeyAndRevokes() throws IOException {
    EnrollmentKeyView key = admin().createPool("servers");

    CommandRun list = tenant("pool", "keys", "servers");
    CommandRun revoke = tenant("pool", "revoke-key", key.keyId());
    CommandRun after = tenant("pool", "keys", "servers");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains(key.keyId()).contains("1/1")
        .doesNotContain(key.enrollmentKey());
    assertThat(revoke.exitCode()).as(revoke.err()).isZero();
    assertThat(revoke.out()).contains("Revoked enrollment key " + key.keyId());
    assertThat(after.out()).contains("yes");
  }

  @Test
  void unknownKeyRevocationIsRejected() {
    CommandRun run = tenant("pool", "revoke-key", "key_none");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("enrollment key 'key_none' not found");
  }

  @Test
  void renameAndSetDefaultShowInPools() throws IOException {
    admin().createPool("first");
    admin().createPool("second");

    CommandRun rename = tenant("pool", "rename", "second", "backup");
    CommandRun setDefault = tenant("pool", "set-default", "backup");
    CommandRun pools = tenant("pools");

    assertThat(rename.exitCode()).as(rename.err()).isZero();
    assertThat(setDefault.exitCode()).as(setDefault.err()).isZero();
    assertThat(pools.out()).contains("* backup").doesNotContain("* first");
  }

  @Test
  void deletingOnlyPoolIsRejected() throws IOException {
    admin().createPool("only");

    CommandRun run = tenant("pool", "delete", "only");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("is the only pool").contains("create another pool");
  }

  @Test
  void deletingUnusedPoolSucceeds() throws IOException {
    admin().createPool("first");
    admin().createPool("spare");

    CommandRun run = tenant("pool", "delete", "spare");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Deleted pool spare");
  }

  @Test
  void agentsShowTagsAndState() throws IOException {
    EnrollResponse agent = enroll(admin().createPool("servers").enrollmentKey(),
        List.of("gpu"));

    CommandRun run = tenant("agents");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(agent.agentId()).contains("online").contains("gpu");
  }

  @Test
  void agentDisableEnableRemoveAreEvents() throws IOException {
    EnrollResponse agent = enroll(admin().createPool("servers").enrollmentKey(), List.of());

    CommandRun disable = tenant("agent", "disable", agent.agentId());
    CommandRun listed = tenant("agents");
    CommandRun enable = tenant("agent", "enable", agent.agentId());
    CommandRun remove = tenant("agent", "remove", agent.agentId());
    CommandRun events = tenant("events", "--limit", "5");

    assertThat(disable.exitCode()).as(disable.err()).isZero();
    assertThat(disable.out()).contains("is disabled");
    assertThat(listed.out()).contains("disabled");
    assertThat(enable.exitCode()).as(enable.err()).isZero();
    assertThat(remove.exitCode()).as(remove.err()).isZero();
    assertThat(remove.out()).contains("credential no longer works");
    assertThat(events.out()).contains("agent_removed").contains("agent_enabled")
        .contains("agent_disabled").contains("servers");
  }

  @Test
  void unknownAgentIsRejected() {
    CommandRun run = tenant("agent", "disable", "agt_none");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("agent 'agt_none' not found");
  }

  @Test
  void taskWithMissingTagFailsWithReason() throws IOException {
    enroll(admin().createPool("servers").enrollmentKey(), List.of());
    Path script = Files.writeString(folder.resolve("noop.sh"), "true\n");

    CommandRun run = tenant("task", "run", script.toString(), "--tag", "gpu",
        "--queue-timeout", "1s", "--wait", "30s");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("in pool servers").contains("failed")
        .contains("no online agent of pool servers has tags [gpu]");
  }

  @Test
  void invalidTagIsRejected() throws IOException {
    admin().createPool("servers");
    Path script = Files.writeString(folder.resolve("noop.sh"), "true\n");

    CommandRun run = tenant("task", "run", script.toString(), "--tag", "no spaces");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid tag 'no spaces'");
  }

  @Test
  void helpListsPoolAndAgentCommands() {
    CommandRun run = CommandRun.of("tenant", "--help");

    assertThat(run.out()).contains("pool set-default NAME").contains("pool revoke-key")
        .contains("agent disable ID").contains("events [--limit N]").contains("--tag TAG")
        .contains("--queue-timeout");
  }

  private CommandRun tenant(String... arguments) {
    String[] all = new String[arguments.length + 3];
    all[0] = "tenant";
    all[1] = "--data";
    all[2] = data.toString();
    System.arraycopy(arguments, 0, all, 3, arguments.length);
    return CommandRun.of(all);
  }

  private AdminClient admin() throws IOException {
    return AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }

  /** Enrolls an automation agent with raw HTTPS, as an agent with tags would. */
  private EnrollResponse enroll(String key, List<String> tags) throws IOException {
    TenantTrust trust = TenantTrust.create(tenant.fingerprint(), null);
    OkHttpClient http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .build();
    byte[] body = Json.mapper().writeValueAsBytes(new EnrollRequest(key, "cli-host",
        List.of(Role.AUTOMATION), "0.1.0", "Linux test", tags, null));
    Request request = new Request.Builder().url(tenant.url() + AgentApi.ENROLL)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return Json.mapper().readValue(response.body().bytes(), EnrollResponse.class);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}

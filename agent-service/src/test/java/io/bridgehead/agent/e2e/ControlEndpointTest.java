package io.bridgehead.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.config.StoredSettings;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.agent.control.ControlEndpoint;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.testing.ConnectProxy;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.IpcClient;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.unix.UnixTransport;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control endpoint of a real agent in this JVM, on a real Unix socket in a test folder,
 * with the agent enrolled in a real tenant over HTTPS on loopback. Every wait is bounded.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "uses Unix sockets and sh tasks")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlEndpointTest {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration JOB_WAIT = Duration.ofSeconds(30);
  private static final String POOL = "servers";

  @TempDir
  Path temp;

  private LoopbackTenant tenant;
  private Path agentFolder;
  private Path ipcFolder;
  private AgentService agent;
  private IpcClient client;

  @BeforeEach
  void startTenantAndAgent() throws IOException {
    tenant = LoopbackTenant.start(temp.resolve("tenant"));
    agentFolder = temp.resolve("agent");
    ipcFolder = temp.resolve("run");
    Enrollment.enroll(tenant.connection(), tenant.createPool(POOL), List.of(Role.AUTOMATION),
        agentFolder);
    agent = AgentService.start(agentFolder, Role.AUTOMATION, settings());
    client = IpcClient.builder(new UnixTransport(ipcFolder), ControlApi.endpointName(
        Role.AUTOMATION)).clientName("control-endpoint-test/1").build();
    client.start();
  }

  @AfterEach
  void stopAll() {
    client.close();
    agent.stop();
    tenant.close();
  }

  private AgentSettings settings() {
    return AgentSettings.defaults(agentFolder)
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(500))
        .withIpcDirectory(ipcFolder);
  }

  @Test
  void statusShowsRunningAgent() throws Exception {
    JsonNode status = call(ControlApi.STATUS_GET, null);

    AgentConfig config = AgentConfig.read(agentFolder);
    assertThat(status.path("role").asText()).isEqualTo("automation");
    assertThat(status.path("module").asText()).isEqualTo("Service Automation");
    assertThat(status.path("state").asText()).isEqualTo("running");
    assertThat(status.path("agentId").asText()).isEqualTo(config.agentId());
    assertThat(status.path("pool").asText()).isEqualTo(POOL);
    assertThat(status.path("tenantUrl").asText()).isEqualTo(tenant.url());
    assertThat(status.path("tenantReachable").asBoolean()).isTrue();
    assertThat(status.path("jobsRunning").asInt()).isZero();
    assertThat(status.path("lastError").isNull()).isTrue();
    assertThat(status.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void jobStartAndEndNotifiedInOrder() throws Exception {
    BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    client.subscribe(ControlApi.STATUS_TOPIC, (topic, data) -> notifications.add(data));

    JobView job = runJob(POOL, "echo hello; exit 3");

    List<JsonNode> changes = awaitChange(notifications, "jobEnded", job.id());
    List<String> types = changes.stream()
        .filter(change -> job.id().equals(change.path("change").path("jobId").asText()))
        .map(change -> change.path("change").path("type").asText())
        .collect(Collectors.toList());
    assertThat(types).containsExactly("jobStarted", "jobEnded");
    JsonNode ended = changes.get(changes.size() - 1);
    assertThat(ended.path("jobsDoneSinceStart").asInt()).isEqualTo(1);
    assertThat(ended.path("jobsDoneToday").asInt()).isEqualTo(1);
    assertThat(ended.path("lastError").path("message").asText())
        .contains(job.id()).contains("failed");
    List<Long> sequences = changes.stream().map(change -> change.path("sequence").asLong())
        .collect(Collectors.toList());
    assertThat(sequences).isSorted();
    JsonNode recent = call(ControlApi.JOBS_RECENT, null).path("jobs").get(0);
    assertThat(recent.path("id").asText()).isEqualTo(job.id());
    assertThat(recent.path("state").asText()).isEqualTo("failed");
    assertThat(recent.path("exitCode").asInt()).isEqualTo(3);
    assertThat(recent.path("durationMillis").isNumber()).isTrue();
  }

  @Test
  void badConfigValueRejectedAndNotStored() throws Exception {
    byte[] configBefore = Files.readAllBytes(agentFolder.resolve(AgentConfig.FILE_NAME));

    RpcException jobs = callFails(ControlApi.CONFIG_SET, params("maxConcurrentJobs", "0"));
    RpcException url = callFails(ControlApi.CONFIG_SET, params("tenantUrl", "http://x.test"));
    RpcException unknown = callFails(ControlApi.CONFIG_SET, params("colour", "blue"));
    RpcException unpinned = callFails(ControlApi.CONFIG_SET, params("fingerprint", ""));

    assertThat(jobs.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(jobs.getMessage()).contains("maxConcurrentJobs is 0").contains("1 to 64");
    assertThat(url.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(url.getMessage()).contains("'http://x.test'").contains("HTTPS only");
    assertThat(unknown.getMessage()).contains("'colour'").contains("maxConcurrentJobs");
    assertThat(unpinned.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(unpinned.getMessage()).contains("not trusted with these settings");
    assertThat(agentFolder.resolve(StoredSettings.FILE_NAME)).doesNotExist();
    assertThat(Files.readAllBytes(agentFolder.resolve(AgentConfig.FILE_NAME)))
        .isEqualTo(configBefore);
    assertThat(agent.loop().settings().maxConcurrentJobs()).isEqualTo(2);
  }

  @Test
  void proxyKeysStoredAndApplied() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start("alice", "s3cret")) {
      JsonNode password = call(ControlApi.CONFIG_SET, params("proxyPassword", "s3cret"));
      call(ControlApi.CONFIG_SET, params("proxyUser", "alice"));
      JsonNode url = call(ControlApi.CONFIG_SET, params("proxy", proxy.url()));
      RpcException invalid = callFails(ControlApi.CONFIG_SET, params("proxy",
          "https://bob:pw@127.0.0.1:1"));
      JsonNode config = call(ControlApi.CONFIG_GET, null);
      JobView job = runJob(POOL, "echo through the proxy");

      assertThat(password.path("value").asText()).isEqualTo("set");
      assertThat(password.path("previous").asText()).isEqualTo("not set");
      assertThat(url.path("previous").asText()).isEqualTo("none");
      assertThat(url.path("value").asText()).isEqualTo(proxy.url());
      assertThat(invalid.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
      assertThat(invalid.getMessage()).contains("not supported").doesNotContain("pw@");
      assertThat(config.path("proxy").asText()).isEqualTo(proxy.url());
      assertThat(config.path("proxyUser").asText()).isEqualTo("alice");
      assertThat(config.path("proxyPassword").asText()).isEqualTo("set");
      assertThat(config.toString()).doesNotContain("s3cret");
      assertThat(AgentConfig.read(agentFolder).proxy().url()).isEqualTo(proxy.url());
      assertThat(job.state()).isEqualTo("succeeded");
      assertThat(proxy.tunnels()).isPositive();

      JsonNode cleared = call(ControlApi.CONFIG_SET, params("proxyPassword", ""));
      assertThat(cleared.path("value").asText()).isEqualTo("not set");
      assertThat(agentFolder.resolve(FileCredentialStore.PROXY_PASSWORD_FILE_NAME))
          .doesNotExist();
    }
  }

  @Test
  void goodConfigValueStoredAndApplied() throws Exception {
    JsonNode result = call(ControlApi.CONFIG_SET, params("maxConcurrentJobs", "5"));
    JsonNode retry = call(ControlApi.CONFIG_SET, params("retryCap", "2m"));

    assertThat(result.path("value").asInt()).isEqualTo(5);
    assertThat(result.path("previous").asInt()).isEqualTo(2);
    assertThat(retry.path("value").asText()).isEqualTo("2m");
    assertThat(agent.loop().settings().maxConcurrentJobs()).isEqualTo(5);
    assertThat(agent.loop().settings().retryCap()).isEqualTo(Duration.ofMinutes(2));
    StoredSettings stored = StoredSettings.read(agentFolder);
    assertThat(stored.maxConcurrentJobs()).isEqualTo(5);
    assertThat(stored.retryCap()).isEqualTo(Duration.ofMinutes(2));
    assertThat(stored.pollWait()).isNull();
    assertThat(call(ControlApi.CONFIG_GET, null).path("maxConcurrentJobs").asInt())
        .isEqualTo(5);
    assertThat(runJob(POOL, "echo after").state()).isEqualTo("succeeded");
  }

  @Test
  void poolListMarksCurrentPool() throws Exception {
    tenant.createPool("backup");

    JsonNode result = call(ControlApi.POOLS_LIST, null);

    assertThat(result.path("current").asText()).isEqualTo(POOL);
    assertThat(result.path("pools").findValuesAsText("name")).containsExactly("backup", POOL);
    assertThat(result.path("pools").get(1).path("current").asBoolean()).isTrue();
    assertThat(result.path("pools").get(1).path("onlineAgents").asInt()).isEqualTo(1);
  }

  @Test
  void poolSelectWithBadKeyKeepsEnrollment() throws Exception {
    tenant.createPool("backup");
    CompletableFuture<String> serviceEnd = awaitServiceEnd();
    byte[] configBefore = Files.readAllBytes(agentFolder.resolve(AgentConfig.FILE_NAME));
    String credentialBefore = new FileCredentialStore(agentFolder).load().orElseThrow();

    RpcException rejected = callFails(ControlApi.POOLS_SELECT,
        JsonNodeFactory.instance.objectNode().put("pool", "backup")
            .put("enrollmentKey", "bhk_never-made"));

    assertThat(rejected.code()).isEqualTo(ControlApi.TENANT_REJECTED);
    assertThat(rejected.getMessage()).contains("enrollment key is unknown")
        .contains("keeps its current enrollment");
    assertThat(Files.readAllBytes(agentFolder.resolve(AgentConfig.FILE_NAME)))
        .isEqualTo(configBefore);
    assertThat(new FileCredentialStore(agentFolder).load()).contains(credentialBefore);
    assertThat(call(ControlApi.STATUS_GET, null).path("pool").asText()).isEqualTo(POOL);
    assertThat(runJob(POOL, "echo still here").state()).isEqualTo("succeeded");
    assertThat(serviceEnd).as("the service keeps running after the failed move").isNotDone();
  }

  /** Waits for the service's end on another thread, as 'bridgehead agent run' does. */
  private CompletableFuture<String> awaitServiceEnd() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return agent.awaitStop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    });
  }

  @Test
  void poolSelectWithGoodKeyMovesAgent() throws Exception {
    String key = tenant.createPool("backup");
    CompletableFuture<String> serviceEnd = awaitServiceEnd();

    JsonNode result = call(ControlApi.POOLS_SELECT, JsonNodeFactory.instance.objectNode()
        .put("pool", "backup").put("enrollmentKey", key));

    String newAgentId = result.path("agentId").asText();
    assertThat(result.path("pool").asText()).isEqualTo("backup");
    assertThat(result.path("previousPool").asText()).isEqualTo(POOL);
    assertThat(AgentConfig.read(agentFolder).pool()).isEqualTo("backup");
    assertThat(AgentConfig.read(agentFolder).agentId()).isEqualTo(newAgentId);
    List<AgentView> inBackup = tenant.admin().agents().stream()
        .filter(view -> view.pool().equals("backup")).collect(Collectors.toList());
    assertThat(inBackup).extracting(AgentView::id).containsExactly(newAgentId);
    JobView job = runJob("backup", "echo moved");
    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.agentId()).isEqualTo(newAgentId);
    assertThat(call(ControlApi.STATUS_GET, null).path("pool").asText()).isEqualTo("backup");
    assertThat(serviceEnd).as("the service keeps running after the move").isNotDone();
  }

  @Test
  void restartPublishesStatesAndKeepsRunning() throws Exception {
    BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    client.subscribe(ControlApi.STATUS_TOPIC, (topic, data) -> notifications.add(data));

    JsonNode result = call(ControlApi.SERVICE_RESTART, null);

    assertThat(result.path("state").asText()).isEqualTo("running");
    List<String> states = new ArrayList<>();
    while (states.size() < 3) {
      JsonNode next = notifications.poll(10, TimeUnit.SECONDS);
      assertThat(next).as("status notification %d of the restart", states.size()).isNotNull();
      if (next.path("change").path("type").asText().equals("state")) {
        states.add(next.path("state").asText());
      }
    }
    assertThat(states).containsExactly("stopping", "starting", "running");
    assertThat(call(ControlApi.STATUS_GET, null).path("lastError").isNull()).isTrue();
    assertThat(runJob(POOL, "echo restarted").state()).isEqualTo("succeeded");
  }

  @Test
  void updateCheckReportsVersions() throws Exception {
    JsonNode result = call(ControlApi.UPDATE_CHECK, null);

    assertThat(result.path("currentVersion").asText()).isNotEmpty();
    assertThat(result.path("wantedVersion").asText())
        .isEqualTo(result.path("currentVersion").asText());
    assertThat(result.path("updateWanted").asBoolean()).isFalse();
    assertThat(result.path("installSupported").asBoolean()).isFalse();
  }

  @Test
  void repairIsNotAvailable() throws Exception {
    RpcException e = callFails(ControlApi.REPAIR_REQUEST, null);

    assertThat(e.code()).isEqualTo(ControlApi.REPAIR_NOT_AVAILABLE);
    assertThat(e.getMessage()).contains("without --updates-dir");
  }

  @Test
  void logTailReturnsLastLines() throws Exception {
    Path log = ControlEndpoint.logFile(agentFolder, Role.AUTOMATION);
    Files.createDirectories(log.getParent());
    Files.writeString(log, IntStream.rangeClosed(1, 3000).mapToObj(i -> "line " + i + "\n")
        .collect(Collectors.joining()), StandardCharsets.UTF_8);

    JsonNode result = call(ControlApi.LOGS_TAIL,
        JsonNodeFactory.instance.objectNode().put("lines", 3));
    RpcException tooMany = callFails(ControlApi.LOGS_TAIL,
        JsonNodeFactory.instance.objectNode().put("lines", 1001));

    List<String> lines = new ArrayList<>();
    result.path("lines").forEach(line -> lines.add(line.asText()));
    assertThat(lines).containsExactly("line 2998", "line 2999", "line 3000");
    assertThat(result.path("truncated").asBoolean()).isFalse();
    assertThat(tooMany.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    assertThat(tooMany.getMessage()).contains("'lines' is 1001").contains("1 to 1000");
  }

  @Test
  void secondInstanceRefusedToStart() {
    // The data folder's lock refuses it before the control socket is tried.
    assertThatThrownBy(() -> AgentService.start(agentFolder, Role.AUTOMATION, settings()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is in use by another automation agent process")
        .hasMessageContaining("process " + ProcessHandle.current().pid());
    assertThat(client.state()).hasToString("CONNECTED");
  }

  private JobView runJob(String pool, String script) throws IOException {
    TaskSpec task = new TaskSpec(ScriptShell.SH, script, Map.of(), Set.of(), 60, 1024 * 1024);
    JobView submitted = tenant.admin().submit(new SubmitTaskRequest(pool, task, null));
    JobView job = tenant.admin().job(submitted.id(), JOB_WAIT);
    assertThat(job.finished()).as("job %s finished within %s, but it is %s", job.id(),
        JOB_WAIT, job.state()).isTrue();
    return job;
  }

  /** Collects notifications until the change of the given type for the job arrives. */
  private static List<JsonNode> awaitChange(BlockingQueue<JsonNode> notifications, String type,
      String jobId) throws InterruptedException {
    List<JsonNode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + JOB_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode next = notifications.poll(1, TimeUnit.SECONDS);
      if (next == null) {
        continue;
      }
      seen.add(next);
      JsonNode change = next.path("change");
      if (change.path("type").asText().equals(type)
          && change.path("jobId").asText().equals(jobId)) {
        return seen;
      }
    }
    throw new AssertionError("no " + type + " notification for job " + jobId + " within "
        + JOB_WAIT + "; received " + seen);
  }

  private JsonNode call(String method, JsonNode params) throws Exception {
    return client.call(method, params, CALL_TIMEOUT);
  }

  private RpcException callFails(String method, JsonNode params) {
    try {
      JsonNode result = client.call(method, params, CALL_TIMEOUT);
      throw new AssertionError(method + " succeeded with " + result + "; expected an error");
    } catch (RpcException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(method + " failed without an answer", e);
    }
  }

  private static ObjectNode params(String key, String value) {
    return JsonNodeFactory.instance.objectNode().put("key", key).put("value", value);
  }
}

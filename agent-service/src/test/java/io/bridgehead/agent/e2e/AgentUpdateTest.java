package io.bridgehead.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.StoredSettings;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.agent.host.ExitKind;
import io.bridgehead.agent.host.HostedService;
import io.bridgehead.agent.host.ServiceHost;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.testing.ConnectProxy;
import io.bridgehead.agent.update.TrustedReleaseKey;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateManager;
import io.bridgehead.agent.update.UpdateRequest;
import io.bridgehead.agent.update.UpdateResult;
import io.bridgehead.agent.update.UpdaterLaunch;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.IpcClient;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.unix.UnixTransport;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.admin.UpdateOutcomeView;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import io.bridgehead.wire.release.PackageBuilder;
import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's side of updates against the reference tenant: release packages built and signed
 * in the test with a key made in the test, published on the tenant, downloaded by a real agent
 * over HTTPS on loopback. The updater itself is not run: a recording spawner replaces it
 * and keeps the commands the service would start.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the job is an sh script")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AgentUpdateTest {
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(60);
  private static final String POOL = "servers";
  private static final String VERSION = "9.1.0";
  private static final Path PROGRAM = Path.of("/opt/bridgehead/versions/0.1.0/bin/bridgehead");

  @TempDir
  Path temp;

  private KeyPair releaseKey;
  private LoopbackTenant tenant;
  /** The installation data folder D, which contains the role folder and updates/. */
  private Path installData;
  private Path agentFolder;
  private UpdateFolder updates;
  private final List<List<String>> spawned = new CopyOnWriteArrayList<>();
  private final List<AgentService> agents = new ArrayList<>();

  @BeforeEach
  void startTenant() throws IOException {
    releaseKey = ReleaseKeys.generate();
    tenant = LoopbackTenant.start(temp.resolve("tenant"),
        UpdateSettings.defaults().withReleaseKey(releaseKey.getPublic()));
    installData = temp.resolve("install");
    agentFolder = installData.resolve("automation");
    updates = UpdateFolder.of(installData);
    Enrollment.enroll(tenant.connection(), tenant.createPool(POOL), List.of(Role.AUTOMATION),
        agentFolder);
    trust(releaseKey);
  }

  @AfterEach
  void stopAll() {
    agents.forEach(AgentService::stop);
    tenant.close();
  }

  @Test
  void goodPackageIsDownloadedAndRequested() throws Exception {
    Path archive = publish(VERSION, 4096);
    tenant.admin().setTargetVersion(POOL, VERSION);

    AgentService agent = startAgent(settings());
    await(() -> Files.exists(updates.request()), "the update request is written");
    await(() -> updateState(agent).equals("updating"), "the status shows updating");

    UpdateRequest request = UpdateRequest.read(updates).orElseThrow();
    assertThat(request.version()).isEqualTo(VERSION);
    assertThat(request.fromVersion()).isEqualTo(AgentVersion.current());
    assertThat(request.requestedBy()).isEqualTo("automation");
    assertThat(Files.readAllBytes(updates.packageFile(VERSION)))
        .isEqualTo(Files.readAllBytes(archive));
    assertThat(updates.partialPackage(VERSION)).doesNotExist();
    assertThat(spawned).containsExactly(List.of(PROGRAM.toString(), "update", "apply",
        "--data-dir", installData.toAbsolutePath().toString()));
    JsonNode update = agent.status().toJson().path("update");
    assertThat(update.path("enabled").asBoolean()).isTrue();
    assertThat(update.path("wantedVersion").asText()).isEqualTo(VERSION);
    assertThat(agent.updateRequested()).isTrue();
  }

  @Test
  void updateChangesArePublished() throws Exception {
    Path ipcFolder = temp.resolve("run");
    startAgent(settings().withIpcDirectory(ipcFolder));
    IpcClient client = IpcClient.builder(new UnixTransport(ipcFolder),
        ControlApi.endpointName(Role.AUTOMATION)).clientName("agent-update-test/1").build();
    client.start();
    try {
      BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
      client.subscribe(ControlApi.STATUS_TOPIC, (topic, data) -> notifications.add(data));
      publish(VERSION, 4096);
      tenant.admin().setTargetVersion(POOL, VERSION);

      List<String> states = new ArrayList<>();
      long deadline = System.nanoTime() + CONDITION_WAIT.toNanos();
      while (!states.contains("updating") && System.nanoTime() - deadline < 0) {
        JsonNode next = notifications.poll(1, TimeUnit.SECONDS);
        if (next != null && next.path("change").path("type").asText().equals("update")) {
          states.add(next.path("update").path("state").asText());
        }
      }

      assertThat(states).containsSubsequence("downloading", "updating");
    } finally {
      client.close();
    }
  }

  @Test
  void untakenRequestIsDropped() throws Exception {
    publish(VERSION, 4096);
    Files.createDirectories(updates.dir());
    new UpdateRequest(VERSION, AgentVersion.current(), "automation", Instant.now().minus(
        UpdateManager.UNTAKEN_REQUEST.plusMinutes(1))).write(updates);

    AgentService agent = startAgent(settings());

    await(() -> !Files.exists(updates.request()), "the old request is deleted");
    await(() -> updateState(agent).equals("failed"), "the status shows the failure");
    assertThat(agent.status().toJson().path("update").path("detail").asText())
        .contains("no updater took the update request");
    assertThat(awaitFailedOutcome().reason()).contains("no updater took");
    assertThat(spawned).isEmpty();
  }

  @Test
  void partialPackageIsResumed() throws Exception {
    Path archive = publish(VERSION, 64 * 1024);
    byte[] bytes = Files.readAllBytes(archive);
    int half = bytes.length / 2;
    Files.createDirectories(updates.packages());
    Files.write(updates.partialPackage(VERSION), Arrays.copyOf(bytes, half));
    tenant.admin().setTargetVersion(POOL, VERSION);

    try (LogCapture logs = LogCapture.start()) {
      startAgent(settings());
      await(() -> Files.exists(updates.request()), "the update request is written");

      assertThat(Files.readAllBytes(updates.packageFile(VERSION))).isEqualTo(bytes);
      String served = "downloads release " + VERSION + ": " + (bytes.length - half) + " of "
          + bytes.length + " bytes from byte " + half;
      assertThat(logs.texts()).anyMatch(line -> line.contains(served));
      assertThat(logs.texts()).noneMatch(line -> line.contains("downloads release " + VERSION
          + ": " + bytes.length + " of"));
    }
  }

  @Test
  void brokenDownloadResumesLater() throws Exception {
    try (ConnectProxy proxy = ConnectProxy.start(); LogCapture logs = LogCapture.start()) {
      AgentConfig.read(agentFolder).withProxy(ProxySettings.parse(proxy.url(), null))
          .write(agentFolder);
      Path archive = publish(VERSION, 2 * 1024 * 1024);
      long size = Files.size(archive);
      tenant.admin().setTargetVersion(POOL, VERSION);
      proxy.cutOnceAfter(1024 * 1024);

      startAgent(settings());
      await(() -> Files.exists(updates.request()), "the update request is written");

      assertThat(proxy.cuts()).isEqualTo(1);
      assertThat(Files.readAllBytes(updates.packageFile(VERSION)))
          .isEqualTo(Files.readAllBytes(archive));
      assertThat(logs.texts())
          .anyMatch(line -> line.contains("Downloading package " + VERSION + " failed"));
      Pattern resumed = Pattern.compile(".*downloads release " + Pattern.quote(VERSION)
          + ": \\d+ of " + size + " bytes from byte [1-9]\\d*");
      assertThat(logs.texts()).anyMatch(line -> resumed.matcher(line).matches());
      assertThat(lastUpdate()).isNull();
    }
  }

  @Test
  void wrongHashIsRejectedAndReported() throws Exception {
    publish(VERSION, 4096);
    Path stored = tenant.folder().resolve("releases").resolve("bridgehead-" + VERSION + ".zip");
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(stored, bytes);
    tenant.admin().setTargetVersion(POOL, VERSION);

    AgentService agent = startAgent(settings());

    UpdateOutcomeView outcome = awaitFailedOutcome();
    assertThat(outcome.version()).isEqualTo(VERSION);
    assertThat(outcome.reason()).contains("SHA-256");
    assertRejectedAndStillServing(agent, "SHA-256");
  }

  @Test
  void badSignatureIsRejectedAndReported() throws Exception {
    publish(VERSION, 4096);
    trust(ReleaseKeys.generate());
    tenant.admin().setTargetVersion(POOL, VERSION);

    AgentService agent = startAgent(settings());

    UpdateOutcomeView outcome = awaitFailedOutcome();
    assertThat(outcome.reason()).contains("bad_signature");
    assertRejectedAndStillServing(agent, "bad_signature");
  }

  @Test
  void packageOverLimitIsRejected() throws Exception {
    publish(VERSION, 1536 * 1024);
    tenant.admin().setTargetVersion(POOL, VERSION);

    AgentService agent = startAgent(settings().withMaxPackageSize(1024 * 1024));

    UpdateOutcomeView outcome = awaitFailedOutcome();
    assertThat(outcome.reason()).contains("over the agent's maxPackageSize of 1048576 bytes");
    assertRejectedAndStillServing(agent, "maxPackageSize");
  }

  @Test
  void closedWindowDownloadsNothing() throws Exception {
    publish(VERSION, 4096);
    DayOfWeek tomorrow = LocalDate.now().getDayOfWeek().plus(1);
    String day = tomorrow.name().substring(0, 3).toLowerCase(Locale.ROOT);
    tenant.admin().setUpdateWindow(POOL, day + " 00:00-24:00");
    tenant.admin().setTargetVersion(POOL, VERSION);

    AgentService agent = startAgent(settings());
    await(() -> agent.loop().link().lastContact() != null, "the tenant is reached");
    Instant firstContact = agent.loop().link().lastContact();
    await(() -> agent.loop().link().lastContact().isAfter(firstContact.plusSeconds(1)),
        "more heartbeats go out");

    // The agent sends its time zone, so the tenant offers no update outside the window.
    assertThat(updateState(agent)).isEqualTo("idle");
    assertThat(updates.request()).doesNotExist();
    try (Stream<Path> files = Files.list(updates.packages())) {
      assertThat(files).isEmpty();
    }
    assertThat(spawned).isEmpty();
  }

  @Test
  void lastResultIsReadAgainWhenChanged() throws Exception {
    Files.createDirectories(updates.dir());
    new UpdateResult(UpdateResult.UPDATE, "9.0.0", "0.1.0", UpdateResult.ROLLED_BACK, "0.1.0",
        "the new version did not reach the tenant", List.of("switched back"), Instant.now())
        .write(updates);

    AgentService agent = startAgent(settings());
    JsonNode first = agent.status().toJson().path("update").path("lastResult");
    new UpdateResult(UpdateResult.REPAIR, "0.1.0", "0.1.0", UpdateResult.OK, "0.1.0", null,
        List.of(), Instant.now()).write(updates);
    Files.setLastModifiedTime(updates.result(), FileTime.from(Instant.now().plusSeconds(5)));
    await(() -> lastResultKind(agent).equals(UpdateResult.REPAIR), "the new result is shown");

    assertThat(first.path("kind").asText()).isEqualTo(UpdateResult.UPDATE);
    assertThat(first.path("outcome").asText()).isEqualTo(UpdateResult.ROLLED_BACK);
    assertThat(first.path("reason").asText()).contains("did not reach the tenant");
    assertThat(agent.status().toJson().path("update").path("lastResult").path("outcome")
        .asText()).isEqualTo(UpdateResult.OK);
  }

  @Test
  void journalAtStartStartsRecovery() throws Exception {
    Files.createDirectories(updates.dir());
    Files.writeString(updates.journal(), "{}");

    startAgent(settings());

    assertThat(spawned).containsExactly(List.of(PROGRAM.toString(), "update", "recover",
        "--data-dir", installData.toAbsolutePath().toString()));
  }

  @Test
  void journalWithRunningUpdaterIsLeftAlone() throws Exception {
    Files.createDirectories(updates.dir());
    Files.writeString(updates.journal(), "{}");
    try (FileChannel channel = FileChannel.open(updates.lock(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      startAgent(settings());

      assertThat(held.isValid()).isTrue();
      assertThat(spawned).isEmpty();
    }
  }

  @Test
  void repairRequestStartsRepair() throws Exception {
    Path ipcFolder = temp.resolve("run");
    startAgent(settings().withIpcDirectory(ipcFolder));
    IpcClient client = IpcClient.builder(new UnixTransport(ipcFolder),
        ControlApi.endpointName(Role.AUTOMATION)).clientName("agent-update-test/1").build();
    client.start();
    try {
      new UpdateResult(UpdateResult.UPDATE, "9.1.0", "9.0.0", UpdateResult.ROLLED_BACK,
          "9.0.0", "version 9.1.0 did not start", List.of("Stop the services"),
          Instant.parse("2026-12-04T10:00:00Z")).write(updates);
      JsonNode result = client.call(ControlApi.REPAIR_REQUEST, null, Duration.ofSeconds(20));
      JsonNode check = client.call(ControlApi.UPDATE_CHECK, null, Duration.ofSeconds(20));

      Path log = updates.dir().resolve("repair.log");
      assertThat(result.path("started").asBoolean()).isTrue();
      assertThat(result.path("log").asText()).isEqualTo(log.toString());
      assertThat(spawned).containsExactly(List.of(PROGRAM.toString(), "repair", "--data-dir",
          installData.toAbsolutePath().toString(), "--progress", "--log-file",
          log.toString()));
      assertThat(check.path("installSupported").asBoolean()).isTrue();
      assertThat(check.path("updateWanted").asBoolean()).isFalse();
      assertThat(check.path("history").findValuesAsText("reason"))
          .containsExactly("version 9.1.0 did not start");
    } finally {
      client.close();
    }
  }

  @Test
  void maxPackageSizeIsStoredSetting() throws Exception {
    Path ipcFolder = temp.resolve("run");
    startAgent(settings().withIpcDirectory(ipcFolder));
    IpcClient client = IpcClient.builder(new UnixTransport(ipcFolder),
        ControlApi.endpointName(Role.AUTOMATION)).clientName("agent-update-test/1").build();
    client.start();
    try {
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.put("key", "maxPackageSize");
      params.put("value", "2MiB");
      JsonNode set = client.call(ControlApi.CONFIG_SET, params, Duration.ofSeconds(20));
      params.put("value", "1000");
      RpcException tooSmall = null;
      try {
        client.call(ControlApi.CONFIG_SET, params, Duration.ofSeconds(20));
      } catch (RpcException e) {
        tooSmall = e;
      }
      JsonNode config = client.call(ControlApi.CONFIG_GET, null, Duration.ofSeconds(20));

      assertThat(set.path("previous").asText()).isEqualTo("256MiB");
      assertThat(set.path("value").asText()).isEqualTo("2MiB");
      assertThat(config.path("maxPackageSize").asText()).isEqualTo("2MiB");
      assertThat(StoredSettings.read(agentFolder).maxPackageSize()).isEqualTo(2097152);
      assertThat(tooSmall).isNotNull();
      assertThat(tooSmall.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
      assertThat(tooSmall.getMessage()).contains("maxPackageSize is 1000 bytes");
    } finally {
      client.close();
    }
  }

  @Test
  void stopWithRequestIsStopToUpdate() throws Exception {
    Files.createDirectories(updates.dir());
    new UpdateRequest(VERSION, AgentVersion.current(), "automation", Instant.now())
        .write(updates);
    RecordingHost host = new RecordingHost();
    HostedService hosted = new HostedService(host);
    CompletableFuture<HostedService.Outcome> outcome = new CompletableFuture<>();
    Thread runner = new Thread(() -> {
      try {
        outcome.complete(hosted.run(() -> AgentService.start(agentFolder, Role.AUTOMATION,
            settings(), temp.resolve("agent.log"), launch())));
      } catch (IOException | RuntimeException e) {
        outcome.completeExceptionally(e);
      }
    }, "hosted-agent");
    runner.start();
    await(() -> host.ready || outcome.isDone(), "the hosted service is ready");
    assertThat(outcome).isNotDone();

    hosted.requestStop(ExitKind.NORMAL);

    assertThat(outcome.get(60, TimeUnit.SECONDS).kind()).isEqualTo(ExitKind.STOPPING_TO_UPDATE);
    assertThat(host.stoppedKind).isEqualTo(ExitKind.STOPPING_TO_UPDATE);
  }

  /**
   * Asserts that the failed package left no file and no request, that the status shows the
   * failure, and that the agent still takes jobs.
   */
  private void assertRejectedAndStillServing(AgentService agent, String reason)
      throws Exception {
    await(() -> updateState(agent).equals("failed"), "the status shows failed");
    JsonNode update = agent.status().toJson().path("update");
    assertThat(update.path("detail").asText()).contains(reason);
    assertThat(update.path("wantedVersion").asText()).isEqualTo(VERSION);
    assertThat(updates.request()).doesNotExist();
    assertThat(updates.packageFile(VERSION)).doesNotExist();
    assertThat(updates.partialPackage(VERSION)).doesNotExist();
    assertThat(spawned).isEmpty();
    TaskSpec task = new TaskSpec(ScriptShell.SH, "echo still here", Map.of(), Set.of(), 60,
        1024 * 1024);
    JobView submitted = tenant.admin().submit(new SubmitTaskRequest(POOL, task, null));
    JobView job = tenant.admin().job(submitted.id(), CONDITION_WAIT);
    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("still here\n");
  }

  /** Waits until the tenant's admin view shows a failed last update of the agent. */
  private UpdateOutcomeView awaitFailedOutcome() throws Exception {
    UpdateOutcomeView[] found = new UpdateOutcomeView[1];
    await(() -> {
      try {
        found[0] = lastUpdate();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return found[0] != null;
    }, "the tenant shows the agent's last update");
    assertThat(found[0].outcome()).isEqualTo("failed");
    return found[0];
  }

  /** Returns the agent's last update as the tenant's admin view shows it, or null. */
  private UpdateOutcomeView lastUpdate() throws IOException {
    String agentId = AgentConfig.read(agentFolder).agentId();
    for (AgentView view : tenant.admin().agents()) {
      if (view.id().equals(agentId)) {
        return view.lastUpdate();
      }
    }
    throw new AssertionError("the tenant lists no agent " + agentId);
  }

  /** Builds a package of {@code version} with one file of {@code size} random bytes. */
  private Path publish(String version, int size) throws IOException {
    Path source = Files.createDirectories(temp.resolve("release-" + version).resolve("lib"));
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    Files.write(source.resolve("payload.bin"), content);
    Path archive = temp.resolve("bridgehead-" + version + ".zip");
    PackageBuilder.build(source.getParent(), version, releaseKey.getPrivate(), archive);
    tenant.admin().publishRelease(archive);
    return archive;
  }

  /** Makes the installation trust {@code key} for packages, in place of the shipped key. */
  private void trust(KeyPair key) throws IOException {
    Path keys = Files.createDirectories(temp.resolve("keys-" + System.nanoTime()));
    ReleaseKeys.write(key, keys.resolve("release.key"), keys.resolve("release.pub.pem"));
    Files.createDirectories(installData);
    Files.copy(keys.resolve("release.pub.pem"), installData.resolve(TrustedReleaseKey.FILE_NAME),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Returns settings with updates on, heartbeats every 300 ms and short retries. */
  private AgentSettings settings() {
    return AgentSettings.defaults(agentFolder)
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(500))
        .withHeartbeatInterval(Duration.ofMillis(300))
        .withUpdatesDirectory(updates.dir());
  }

  private UpdaterLaunch launch() {
    return new UpdaterLaunch(true, PROGRAM, (command, output) -> spawned.add(command));
  }

  private AgentService startAgent(AgentSettings settings) throws IOException {
    AgentService agent = AgentService.start(agentFolder, Role.AUTOMATION, settings,
        temp.resolve("agent.log"), launch());
    agents.add(agent);
    return agent;
  }

  private static String lastResultKind(AgentService agent) {
    return agent.status().toJson().path("update").path("lastResult").path("kind").asText();
  }

  private static String updateState(AgentService agent) {
    return agent.status().toJson().path("update").path("state").asText();
  }

  private static void await(BooleanSupplier condition, String description)
      throws InterruptedException {
    long deadline = System.nanoTime() + CONDITION_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + CONDITION_WAIT.toSeconds()
            + " s waiting until " + description);
      }
      Thread.sleep(50);
    }
  }

  /** A service host that records the reports the test checks. */
  private static final class RecordingHost implements ServiceHost {
    volatile boolean ready;
    volatile ExitKind stoppedKind;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public void open(Runnable stopRequest) {}

    @Override
    public void starting(Duration waitHint) {}

    @Override
    public void ready(String statusText) {
      ready = true;
    }

    @Override
    public void status(String statusText) {}

    @Override
    public void stopping(Duration waitHint) {}

    @Override
    public void stopped(ExitKind kind, String reason) {
      stoppedKind = kind;
    }

    @Override
    public void close() {}
  }
}

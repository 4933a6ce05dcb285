package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.control.ControlEndpoint;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridgehead status | config | pool | logs} against a real agent in this JVM, whose
 * control socket is in a test folder, enrolled in a real tenant on loopback.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "uses Unix sockets and sh tasks")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServiceCommandsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path folder;

  private TenantServer tenant;
  private AdminClient admin;
  private Path agentData;
  private Path ipcDir;
  private AgentService agent;

  @BeforeEach
  void startTenantAndAgent() throws IOException {
    tenant = TenantServer.start(TenantSettings.defaults(folder.resolve("tenant")).withPort(0));
    admin = AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
    agentData = folder.resolve("agent");
    ipcDir = folder.resolve("run");
    Enrollment.enroll(new TenantConnection(tenant.url(), tenant.fingerprint(), null),
        admin.createPool("servers").enrollmentKey(), List.of(Role.AUTOMATION), agentData);
    agent = AgentService.start(agentData, Role.AUTOMATION,
        AgentSettings.defaults(agentData).withIpcDirectory(ipcDir));
  }

  @AfterEach
  void stopAll() {
    if (agent != null) {
      agent.stop();
    }
    tenant.close();
  }

  @Test
  void statusPrintsRunningAgent() throws IOException {
    CommandRun run = CommandRun.of("status", "--ipc-dir", ipcDir.toString());
    CommandRun json = CommandRun.of("status", "--json", "--ipc-dir", ipcDir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Automation service (Service Automation)")
        .contains(": running").contains("in pool servers").contains("reachable");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode status = Json.mapper().readTree(json.out());
    assertThat(status.path("agentId").asText())
        .isEqualTo(AgentConfig.read(agentData).agentId());
  }

  @Test
  void statusWithoutServiceExitsSeven() {
    agent.stop();
    agent = null;

    CommandRun run = CommandRun.of("status", "--ipc-dir", ipcDir.toString());

    assertThat(run.exitCode()).isEqualTo(7);
    assertThat(run.err()).contains("not running").contains(ipcDir.toString());
  }

  @Test
  void logsTailAboveLimitIsInvalid() {
    CommandRun run = CommandRun.of("logs", "--tail", "5000", "--ipc-dir", ipcDir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--tail is 5000").contains("1 to 1000");
  }

  @Test
  void logsPrintLastLines() throws IOException {
    Path log = ControlEndpoint.logFile(agentData, Role.AUTOMATION);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "first\nsecond\nthird\n");

    CommandRun run = CommandRun.of("logs", "--tail", "2", "--ipc-dir", ipcDir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("second\nthird\n");
  }

  @Test
  void configSetBadValueIsInvalidArgument() {
    CommandRun run = CommandRun.of("config", "set", "pollWait", "soon", "--ipc-dir",
        ipcDir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid duration 'soon'");
  }

  @Test
  void configSetThenGetShowsValue() {
    CommandRun set = CommandRun.of("config", "set", "pollWait", "10s", "--ipc-dir",
        ipcDir.toString());
    CommandRun get = CommandRun.of("config", "get", "--ipc-dir", ipcDir.toString());

    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("Set pollWait to 10s (was 25s)");
    assertThat(get.exitCode()).as(get.err()).isZero();
    assertThat(get.out()).containsPattern("pollWait +10s");
    assertThat(agent.loop().settings().pollWait()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void configSetProxyPasswordReadsInput() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    ExitCode code = new ServiceCommands(out, new ByteArrayInputStream(
        "pass word\n".getBytes(StandardCharsets.UTF_8))).run("config", List.of("set",
            "proxyPassword", "-", "--ipc-dir", ipcDir.toString()));
    CommandRun onCommandLine = CommandRun.of("config", "set", "proxyPassword", "secret",
        "--ipc-dir", ipcDir.toString());
    CommandRun get = CommandRun.of("config", "get", "--ipc-dir", ipcDir.toString());

    assertThat(code).isEqualTo(ExitCode.OK);
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("Set proxyPassword to set (was not set)").doesNotContain("pass word");
    assertThat(FileCredentialStore.proxyPassword(agentData).load()).contains("pass word");
    assertThat(onCommandLine.exitCode()).isEqualTo(2);
    assertThat(onCommandLine.err()).contains("config set proxyPassword takes '-'");
    assertThat(get.out()).containsPattern("proxyPassword +set").doesNotContain("pass word");
  }

  @Test
  void poolSelectMovesAgent() throws IOException {
    Path keyFile = Files.writeString(folder.resolve("key"),
        admin.createPool("backup").enrollmentKey());

    CommandRun select = CommandRun.of("pool", "select", "backup", "--enrollment-key-file",
        keyFile.toString(), "--ipc-dir", ipcDir.toString());
    CommandRun list = CommandRun.of("pool", "list", "--ipc-dir", ipcDir.toString());

    assertThat(select.exitCode()).as(select.err()).isZero();
    assertThat(select.out()).contains("Moved from pool servers to pool backup");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern("\\* backup +1 online");
  }

  @Test
  void poolSelectBadKeyIsRejected() {
    CommandRun run = CommandRun.of("pool", "select", "servers", "--enrollment-key",
        "bhk_never-made", "--ipc-dir", ipcDir.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("enrollment key is unknown");
  }

  @Test
  void watchPrintsJobStartAndEnd() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    CountDownLatch end = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread watcher = new Thread(() -> {
      try {
        outcome.set(new ServiceCommands(out, new ByteArrayInputStream(new byte[0]), end)
            .run("status", List.of("--watch", "--ipc-dir", ipcDir.toString())));
      } catch (Exception e) {
        outcome.set(e);
      }
    }, "status-watch-test");
    watcher.setDaemon(true);
    watcher.start();
    awaitText(output, "connected to the service");

    JobView job = admin.submit(new SubmitTaskRequest("servers", new TaskSpec(ScriptShell.SH,
        "echo watched", Map.of(), Set.of(), 60, 1024 * 1024), null));
    awaitText(output, "job " + job.id() + " succeeded");
    end.countDown();
    watcher.join(WAIT.toMillis());

    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(text.indexOf("job " + job.id() + " started"))
        .isGreaterThan(0)
        .isLessThan(text.indexOf("job " + job.id() + " succeeded"));
    assertThat(outcome.get()).isEqualTo(ExitCode.OK);
  }

  @Test
  void otherUserReadsButCannotChange() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "runs only as root, which can start a child process as user nobody");
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv), "needs /usr/bin/setpriv to switch users");
    // The test folder, the socket folder and root's Maven repository are closed to other
    // users: open the first two and copy the class path where user nobody can read it.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(ipcDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    String classPath = copyClassPath(Files.createDirectory(folder.resolve("classpath")));

    ChildRun status = runAsNobody(setpriv, classPath, "status");
    ChildRun change = runAsNobody(setpriv, classPath, "config", "set", "maxConcurrentJobs",
        "3");

    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output()).contains("running");
    assertThat(change.exitCode()).as(change.output()).isEqualTo(8);
    assertThat(change.output()).contains("administrator");
    assertThat(agent.loop().settings().maxConcurrentJobs()).isEqualTo(2);
  }

  private record ChildRun(int exitCode, String output) {}

  private ChildRun runAsNobody(Path setpriv, String classPath, String... arguments)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534",
        "--regid=65534", "--clear-groups", java, "-XX:-UsePerfData", "-cp", classPath,
        Main.class.getName()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--ipc-dir", ipcDir.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command run as nobody did not finish within " + WAIT);
    }
    return new ChildRun(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Copies every class path entry into a folder everyone can read; returns the new path. */
  private static String copyClassPath(Path target) throws IOException {
    List<String> entries = new ArrayList<>();
    int index = 0;
    for (String entry : System.getProperty("java.class.path").split(":")) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path copy = target.resolve("entry-" + index++ + (Files.isDirectory(source) ? "" : ".jar"));
      copyTree(source, copy);
      entries.add(copy.toString());
    }
    return String.join(":", entries);
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }

  private static void awaitText(ByteArrayOutputStream output, String text)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' within " + WAIT + " in the output:\n"
            + output.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(20);
    }
  }
}

package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.host.ServiceHost;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateRequest;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridgehead agent run} as systemd starts it: a child JVM with NOTIFY_SOCKET set,
 * against a real tenant on loopback, stopped with SIGTERM. The test binds the notify socket
 * itself and reads the child's standard output as journald would.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sd_notify and abstract sockets are Linux")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentRunHostTest {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir
  Path folder;

  private TenantServer tenant;
  private Path agentData;
  private Process child;

  @BeforeEach
  void startTenantAndEnroll() throws IOException {
    tenant = TenantServer.start(TenantSettings.defaults(folder.resolve("tenant")).withPort(0));
    AdminClient admin = AdminClient.connect(tenant.url(), tenant.fingerprint(),
        tenant.adminToken());
    agentData = folder.resolve("agent");
    Enrollment.enroll(new TenantConnection(tenant.url(), tenant.fingerprint(), null),
        admin.createPool("servers").enrollmentKey(), List.of(Role.AUTOMATION), agentData);
  }

  @AfterEach
  void stopAll() {
    if (child != null) {
      child.destroyForcibly();
    }
    tenant.close();
  }

  @Test
  void systemdServiceNotifiesAndLogsToJournal() throws Exception {
    Path ipcDir = folder.resolve("run");
    Path logDir = folder.resolve("var-log");
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");
    try (NotifyListener systemd = new NotifyListener()) {
      child = start(Map.of("NOTIFY_SOCKET", systemd.address()), stdout, stderr,
          "agent", "run", "--role", "automation", "--data", agentData.toString(),
          "--ipc-dir", ipcDir.toString(), "--log-dir", logDir.toString());

      String ready = systemd.await("READY=1", WAIT);
      systemd.await("STATUS=connected to " + tenant.url(), WAIT);
      CommandRun logs = CommandRun.of("logs", "--ipc-dir", ipcDir.toString());
      child.destroy();
      String stopping = systemd.await("STOPPING=1", WAIT);
      boolean exited = child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<String> messages = systemd.received();
      List<String> journal = Files.readAllLines(stdout, StandardCharsets.UTF_8);
      String logFile = Files.readString(logDir.resolve("agent-automation.log"));

      assertThat(ready).startsWith("READY=1\nSTATUS=");
      assertThat(stopping).startsWith("STOPPING=1\n");
      assertThat(messages.get(messages.size() - 1)).isEqualTo("STATUS=stopped");
      assertThat(exited).as("the agent exited after SIGTERM").isTrue();
      assertThat(child.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
      assertThat(journal).as("standard output").isNotEmpty();
      assertThat(journal).as("standard output").allMatch(line -> line.matches("<[3467]>.*"));
      assertThat(journal).anyMatch(line -> line.startsWith("<6>[main] JobLoop: Agent "));
      assertThat(Files.readString(stderr)).as("standard error").doesNotContain("JobLoop");
      assertThat(logFile).contains("INFO  [main] io.bridgehead.agent.jobs.JobLoop: Agent ");
      assertThat(agentData.resolve("logs")).doesNotExist();
      assertThat(logs.exitCode()).as(logs.err()).isZero();
      assertThat(logs.out()).contains("JobLoop: Agent ");
    }
  }

  @Test
  void foregroundLogsToStandardError() throws Exception {
    Path ipcDir = folder.resolve("run");
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");
    child = start(Map.of(), stdout, stderr, "agent", "run", "--role", "automation",
        "--data", agentData.toString(), "--ipc-dir", ipcDir.toString());

    awaitText(stderr, "Service started: ");
    child.destroy();
    boolean exited = child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(exited).as("the agent exited after SIGTERM").isTrue();
    assertThat(Files.readString(stdout)).as("standard output").isEmpty();
    assertThat(Files.readString(stderr)).contains("JobLoop: Agent stopped;");
    assertThat(Files.readString(stderr))
        .contains("Updates are off: the service was started without --updates-dir");
    assertThat(agentData.resolve("logs").resolve("agent-automation.log")).exists();
  }

  @Test
  void stopWithUpdateRequestExitsWith75() throws Exception {
    UpdateFolder updates = UpdateFolder.of(folder.resolve("install"));
    Files.createDirectories(updates.dir());
    new UpdateRequest("9.9.9", "0.1.0", "automation", Instant.now()).write(updates);
    Path stdout = folder.resolve("stdout");
    Path stderr = folder.resolve("stderr");
    child = start(Map.of(), stdout, stderr, "agent", "run", "--role", "automation",
        "--data", agentData.toString(), "--ipc-dir", folder.resolve("run").toString(),
        "--updates-dir", updates.dir().toString());

    awaitText(stderr, "Service started: ");
    child.destroy();
    boolean exited = child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(exited).as("the agent exited after SIGTERM").isTrue();
    assertThat(child.exitValue()).as("exit code after SIGTERM with an update request")
        .isEqualTo(ServiceHost.UPDATE_EXIT_CODE);
    assertThat(Files.readString(stderr))
        .contains("Updates are on, through the update folder " + updates.dir());
    assertThat(Files.readString(stderr)).contains("stops to be updated");
    assertThat(updates.request()).exists();
  }

  @Test
  void updatesDirThatIsFileRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("updates"), "not a folder");

    CommandRun run = CommandRun.of("agent", "run", "--role", "automation", "--data",
        agentData.toString(), "--updates-dir", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid --updates-dir '" + file + "': it is a file");
  }

  @Test
  void windowsHostOnLinuxFails() {
    CommandRun run = CommandRun.of("agent", "run", "--role", "automation", "--data",
        agentData.toString(), "--ipc-dir", folder.resolve("run").toString(),
        "--service-host", "windows");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--service-host windows works only on Windows");
  }

  @Test
  void invalidServiceHostRejected() {
    CommandRun run = CommandRun.of("agent", "run", "--role", "automation", "--data",
        agentData.toString(), "--service-host", "launchd");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid --service-host 'launchd'; use auto, foreground,"
        + " systemd or windows");
  }

  @Test
  void systemdHostWithoutSocketRejected() {
    assumeTrue(System.getenv("NOTIFY_SOCKET") == null,
        "the build runs under systemd, whose NOTIFY_SOCKET this test cannot remove");
    CommandRun run = CommandRun.of("agent", "run", "--role", "automation", "--data",
        agentData.toString(), "--service-host", "systemd");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--service-host systemd needs NOTIFY_SOCKET");
  }

  /**
   * Starts the bridgehead command in a child JVM with this JVM's class path, its output in
   * files, and {@code environment} added to a copy of this one without systemd's variables.
   */
  private static Process start(Map<String, String> environment, Path stdout, Path stderr,
      String... arguments) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:-UsePerfData", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().keySet().removeAll(List.of("NOTIFY_SOCKET", "JOURNAL_STREAM",
        "WATCHDOG_USEC", "WATCHDOG_PID", "BRIDGEHEAD_AGENT_DATA"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static void awaitText(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Files.readString(file).contains(text)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no '" + text + "' within " + WAIT.toSeconds() + " s in:\n"
            + Files.readString(file));
      }
      Thread.sleep(50);
    }
  }
}

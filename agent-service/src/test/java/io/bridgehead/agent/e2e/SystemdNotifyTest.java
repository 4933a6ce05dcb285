package io.bridgehead.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.NotEnrolledException;
import io.bridgehead.agent.host.ExitKind;
import io.bridgehead.agent.host.HostedService;
import io.bridgehead.agent.host.systemd.SystemdHost;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automation service under {@link SystemdHost}, in this JVM, against a real tenant on
 * loopback: the test plays systemd's part with a Unix datagram socket of its own and reads
 * the sd_notify messages the service sends to it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sd_notify and abstract sockets are Linux")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SystemdNotifyTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String POOL = "notify";

  @TempDir
  Path temp;

  private LoopbackTenant tenant;
  private final ExecutorService runner = Executors.newCachedThreadPool();

  @BeforeEach
  void startTenant() throws IOException {
    tenant = LoopbackTenant.start(temp.resolve("tenant"));
  }

  @AfterEach
  void stopTenant() {
    runner.shutdownNow();
    tenant.close();
  }

  @Test
  void readyThenStoppingOnAbstractSocket() throws Exception {
    Path agent = enroll();
    try (NotifyReceiver systemd = NotifyReceiver.bindAbstract()) {
      HostedService hosted = new HostedService(
          new SystemdHost(systemd.address(), Duration.ofSeconds(1), false));
      Future<HostedService.Outcome> run = runner.submit(() -> hosted.run(() -> start(agent)));

      String ready = systemd.await("with READY=1", text -> text.contains("READY=1"), WAIT);
      String connected = systemd.await("with the status connected", text -> text.startsWith(
          "STATUS=connected to " + tenant.url()), WAIT);
      String watchdog = systemd.await("WATCHDOG=1", text -> text.equals("WATCHDOG=1"), WAIT);
      hosted.requestStop(ExitKind.NORMAL);
      String stopping = systemd.await("with STOPPING=1", text -> text.contains("STOPPING=1"),
          WAIT);
      HostedService.Outcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<String> messages = systemd.received();

      assertThat(messages.get(0)).isEqualTo("EXTEND_TIMEOUT_USEC=30000000\nSTATUS=starting");
      assertThat(ready).startsWith("READY=1\nSTATUS=");
      assertThat(connected).isEqualTo("STATUS=connected to " + tenant.url()
          + "; 0 jobs running, 0 done since start");
      assertThat(watchdog).isEqualTo("WATCHDOG=1");
      assertThat(stopping).isEqualTo("STOPPING=1\nEXTEND_TIMEOUT_USEC=75000000\nSTATUS=stopping");
      assertThat(messages.get(messages.size() - 1)).isEqualTo("STATUS=stopped");
      assertThat(messages.indexOf(ready)).isLessThan(messages.indexOf(stopping));
      assertThat(outcome.kind()).isEqualTo(ExitKind.NORMAL);
      assertThat(outcome.reason()).isNull();
    }
  }

  @Test
  void readyWhileTenantDownSaysWaiting() throws Exception {
    Path agent = enroll();
    tenant.stop();
    try (NotifyReceiver systemd = NotifyReceiver.bindPath(temp.resolve("notify").toString())) {
      HostedService hosted = new HostedService(
          new SystemdHost(systemd.address(), Duration.ZERO, false));
      Future<HostedService.Outcome> run = runner.submit(() -> hosted.run(() -> start(agent)));

      String ready = systemd.await("with READY=1", text -> text.contains("READY=1"), WAIT);
      // The first failed call may come before or after READY=1, so the status line that
      // names it may arrive in the same message as READY=1 or in a later one.
      Predicate<String> unreachable = text -> text.lines().anyMatch(line -> line.startsWith(
          "STATUS=waiting for the tenant at " + tenant.url() + ": ")
          && line.endsWith("; retrying"));
      String waiting = unreachable.test(ready) ? ready
          : systemd.await("saying the tenant is unreachable", unreachable, WAIT);
      tenant.restart();
      String connected = systemd.await("with the status connected", text -> text.startsWith(
          "STATUS=connected to " + tenant.url()), WAIT);
      hosted.requestStop(ExitKind.STOPPING_TO_UPDATE);
      systemd.await("with STOPPING=1", text -> text.contains("STOPPING=1"), WAIT);
      HostedService.Outcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<String> messages = systemd.received();

      assertThat(ready).startsWith("READY=1\nSTATUS=waiting for the tenant at " + tenant.url()
          + ": ");
      assertThat(waiting.lines()).allMatch(line -> line.equals("READY=1")
          || line.startsWith("STATUS="));
      assertThat(connected).contains("0 jobs running");
      assertThat(outcome.kind()).isEqualTo(ExitKind.STOPPING_TO_UPDATE);
      assertThat(messages.get(messages.size() - 1)).isEqualTo("STATUS=stopped to be updated");
    }
  }

  @Test
  void rejectedCredentialReportsFailed() throws Exception {
    Path agent = enroll();
    try (NotifyReceiver systemd = NotifyReceiver.bindAbstract()) {
      HostedService hosted = new HostedService(
          new SystemdHost(systemd.address(), Duration.ZERO, false));
      Future<HostedService.Outcome> run = runner.submit(() -> hosted.run(() -> start(agent)));
      systemd.await("with the status connected", text -> text.startsWith(
          "STATUS=connected to "), WAIT);

      tenant.admin().removeAgent(AgentConfig.read(agent).agentId());
      HostedService.Outcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<String> messages = systemd.received();

      assertThat(outcome.kind()).isEqualTo(ExitKind.FAILED);
      assertThat(outcome.reason()).startsWith("the tenant rejected this agent's credential");
      assertThat(messages).anyMatch(text -> text.startsWith("STOPPING=1"));
      assertThat(messages.get(messages.size() - 1))
          .isEqualTo("STATUS=failed: " + outcome.reason());
    }
  }

  @Test
  void failedStartReportsFailed() throws Exception {
    Path notEnrolled = temp.resolve("empty");
    try (NotifyReceiver systemd = NotifyReceiver.bindAbstract()) {
      HostedService hosted = new HostedService(
          new SystemdHost(systemd.address(), Duration.ZERO, false));

      assertThatThrownBy(() -> hosted.run(() -> start(notEnrolled)))
          .isInstanceOf(NotEnrolledException.class);
      List<String> messages = systemd.received();

      assertThat(messages).hasSize(2);
      assertThat(messages.get(0)).startsWith("EXTEND_TIMEOUT_USEC=");
      assertThat(messages.get(1)).startsWith("STATUS=failed: the service failed to start: ");
      assertThat(messages).noneMatch(text -> text.contains("READY=1"));
    }
  }

  private Path enroll() throws IOException {
    String key = tenant.createPool(POOL);
    Path folder = temp.resolve("agent");
    Enrollment.enroll(tenant.connection(), key, List.of(Role.AUTOMATION), folder);
    return folder;
  }

  /**
   * Starts the agent with polls of 1 s, heartbeats every second and retries of 50 to 500 ms,
   * so that it finds a started tenant, and a rejected credential, within about a second.
   */
  private static AgentService start(Path folder) throws IOException {
    AgentSettings defaults = AgentSettings.defaults(folder);
    AgentSettings settings = new AgentSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofMillis(50), Duration.ofMillis(500), defaults.workRoot());
    return AgentService.start(folder, Role.AUTOMATION, settings);
  }
}

package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.http.AgentEndpoints;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The bridgehead command against a real tenant and agent on loopback. */
class CommandLineTest {
  @TempDir
  Path folder;

  private TenantServer tenant;
  private Path tenantData;
  private Path agentData;

  @BeforeEach
  void startTenant() throws IOException {
    tenantData = folder.resolve("tenant");
    agentData = folder.resolve("agent");
    tenant = TenantServer.start(TenantSettings.defaults(tenantData).withPort(0));
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void helpListsCommands() {
    CommandRun run = CommandRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("demo", "tenant", "agent", "console", "Exit codes");
  }

  @Test
  void consoleHelpPrintsUsage() {
    CommandRun run = CommandRun.of("console", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: bridgehead console").contains("--ipc-dir DIR");
  }

  @Test
  void consoleUnknownPageIsInvalidArgument() {
    CommandRun run = CommandRun.of("console", "--page", "Billing");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--page 'Billing' is not a page");
  }

  @Test
  void unknownCommandIsInvalidArgument() {
    CommandRun run = CommandRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown command 'frobnicate'");
  }

  @Test
  void unknownOptionIsInvalidArgument() {
    CommandRun run = CommandRun.of("tenant", "jobs", "--data", tenantData.toString(),
        "--colour");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown option --colour");
  }

  @Test
  void poolCreatePrintsKeyOnce() {
    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "pool", "create",
        "servers");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Created pool servers").contains("bhk_");
  }

  @Test
  void invalidPoolNameIsNamed() {
    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "pool", "create",
        "no spaces");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid pool name 'no spaces'");
  }

  @Test
  void unknownEnrollmentKeyIsRejected() {
    ListAppender<ILoggingEvent> tenantLog = captureLog(AgentEndpoints.class);
    String key = "bhk_this-key-was-never-made";

    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", tenant.url(), "--fingerprint", tenant.fingerprint().hex(),
        "--enrollment-key", key);

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("enrollment key is unknown, used already or expired")
        .contains("pool create-key");
    assertThat(tenantLog.list).anyMatch(event ->
        event.getFormattedMessage().contains("Rejected enrollment"));
    assertThat(tenantLog.list).noneMatch(event -> event.getFormattedMessage().contains(key));
    assertThat(agentData.resolve("agent.json")).doesNotExist();
  }

  @Test
  void usedEnrollmentKeyIsRejected() throws IOException {
    String key = admin().createPool("once").enrollmentKey();
    CommandRun first = enroll(key, agentData);

    CommandRun second = enroll(key, folder.resolve("second-agent"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).isEqualTo(3);
    assertThat(second.err()).contains("used already");
  }

  @Test
  void wrongFingerprintIsUnreachable() {
    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", tenant.url(), "--fingerprint", "00".repeat(32), "--enrollment-key", "k");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("does not match the pinned fingerprint");
  }

  @Test
  void plainHttpUrlIsInvalid() {
    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", "http://127.0.0.1:1", "--enrollment-key", "k");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("HTTPS only");
  }

  @Test
  void runWithoutEnrollmentSaysSo() {
    CommandRun run = CommandRun.of("agent", "run", "--role", "automation", "--data",
        agentData.toString());

    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.err()).contains("not enrolled").contains("bridgehead agent enroll");
  }

  @Test
  void taskRunPrintsResult() throws IOException {
    String key = admin().createPool("work").enrollmentKey();
    assertThat(enroll(key, agentData).exitCode()).isZero();
    AgentService agent = AgentService.start(agentData, Role.AUTOMATION,
        AgentSettings.defaults(agentData));
    try {
      Path script = Files.writeString(folder.resolve("greet.sh"), "echo \"hello $NAME\"\n"
          + "printf '{\"greeted\": \"%s\"}' \"$NAME\" > \"$BRIDGEHEAD_RESULT\"\n");

      CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
          "--pool", "work", script.toString(), "--var", "NAME=Ada", "--wait", "60s");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("succeeded").contains("{\"greeted\":\"Ada\"}")
          .contains("hello Ada");
    } finally {
      agent.stop();
    }
  }

  @Test
  void failingTaskExitsOne() throws IOException {
    String key = admin().createPool("work").enrollmentKey();
    assertThat(enroll(key, agentData).exitCode()).isZero();
    AgentService agent = AgentService.start(agentData, Role.AUTOMATION,
        AgentSettings.defaults(agentData));
    try {
      Path script = Files.writeString(folder.resolve("fail.sh"), "echo broken >&2\nexit 7\n");

      CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
          "--pool", "work", script.toString(), "--wait", "60s");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains("failed").contains("Exit code: 7").contains("broken");
    } finally {
      agent.stop();
    }
  }

  @Test
  void taskWithNoAgentTimesOut() throws IOException {
    admin().createPool("empty");
    Path script = Files.writeString(folder.resolve("noop.sh"), "true\n");

    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
        "--pool", "empty", script.toString(), "--wait", "2s");

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.err()).contains("no agent of pool empty took job")
        .contains("0 of 0 agents online").contains("cancelled");
    assertThat(admin().jobs(1).get(0).state()).isEqualTo("cancelled");
  }

  @Test
  void taskWithOnlyDisabledAgentSaysSo() throws IOException {
    String key = admin().createPool("paused").enrollmentKey();
    assertThat(enroll(key, agentData).exitCode()).isZero();
    String agentId = admin().agents().get(0).id();
    CommandRun disable = CommandRun.of("tenant", "--data", tenantData.toString(), "agent",
        "disable", agentId);
    Path script = Files.writeString(folder.resolve("noop.sh"), "true\n");

    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
        "--pool", "paused", script.toString(), "--wait", "2s");

    assertThat(disable.exitCode()).as(disable.err()).isZero();
    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.err()).contains("1 of its agents are disabled")
        .contains("bridgehead tenant agent enable ID");
  }

  @Test
  void taskForUnknownPoolIsRejected() throws IOException {
    Path script = Files.writeString(folder.resolve("noop.sh"), "true\n");

    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
        "--pool", "missing", script.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("pool 'missing' not found");
  }

  @Test
  void invalidVariableNameIsNamed() throws IOException {
    Path script = Files.writeString(folder.resolve("noop.sh"), "true\n");

    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
        "--pool", "any", script.toString(), "--var", "1BAD=x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid variable name '1BAD'");
  }

  @Test
  void missingScriptFileIsNamed() {
    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "task", "run",
        "--pool", "any", folder.resolve("absent.sh").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("absent.sh not found");
  }

  @Test
  void stoppedTenantIsUnreachable() {
    tenant.close();

    CommandRun run = CommandRun.of("tenant", "--data", tenantData.toString(), "agents");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("cannot reach the tenant");
  }

  private CommandRun enroll(String key, Path data) {
    return CommandRun.of("agent", "enroll", "--data", data.toString(), "--tenant", tenant.url(),
        "--fingerprint", tenant.fingerprint().hex(), "--enrollment-key", key);
  }

  private AdminClient admin() throws IOException {
    return AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }

  private static ListAppender<ILoggingEvent> captureLog(Class<?> source) {
    Logger logger = (Logger) LoggerFactory.getLogger(source);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    return appender;
  }
}

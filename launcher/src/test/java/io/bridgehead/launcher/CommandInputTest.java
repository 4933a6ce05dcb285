package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AdminException;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and edge cases of the bridgehead command against a real tenant on loopback: out
 * of range numbers, URLs, variable names, ids, help, waits and cancels.
 */
class CommandInputTest {
  @TempDir
  Path folder;

  private TenantServer tenant;
  private Path tenantData;
  private Path agentData;
  private Path script;

  @BeforeEach
  void startTenant() throws IOException {
    tenantData = folder.resolve("tenant");
    agentData = folder.resolve("agent");
    tenant = TenantServer.start(TenantSettings.defaults(tenantData).withPort(0));
    admin().createPool("work");
    script = Files.writeString(folder.resolve("noop.sh"), "true\n");
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void hugeTimeLimitIsOutOfRange() throws IOException {
    CommandRun run = taskRun("--time-limit", "99999999999999999999s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--time-limit is 99999999999999999999s")
        .contains("use 1s to 24h").doesNotContain("Exception");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void timeLimitPastIntIsOutOfRange() throws IOException {
    CommandRun run = taskRun("--time-limit", "4294967356s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--time-limit is 4294967356s").contains("use 1s to 24h");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void timeLimitOverDayIsOutOfRange() {
    CommandRun run = taskRun("--time-limit", "25h");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--time-limit is 25h").contains("use 1s to 24h");
  }

  @Test
  void hugeWaitIsOutOfRange() {
    CommandRun run = taskRun("--wait", "99999999999999999999s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--wait is 99999999999999999999s").contains("use 1s to");
  }

  @Test
  void hugeOutputCapIsOutOfRange() {
    CommandRun run = taskRun("--output-cap", "99999999999999999999");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--output-cap is 99999999999999999999")
        .contains("use 1KiB to 4MiB");
  }

  @Test
  void outputCapOverflowingUnitIsOutOfRange() {
    CommandRun run = taskRun("--output-cap", "9999999999999GiB");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--output-cap is 9999999999999GiB")
        .contains("use 1KiB to 4MiB");
  }

  @Test
  void hugeLimitIsOutOfRange() {
    CommandRun run = tenant("jobs", "--limit", "99999999999999999999");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--limit is 99999999999999999999")
        .contains("use 1 to 1000");
  }

  @Test
  void tenantPortOutOfRangeIsInvalid() {
    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", "https://127.0.0.1:99999", "--enrollment-key", "k");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("port 99999 is out of range; use 1 to 65535")
        .doesNotContain("Exception");
  }

  @Test
  void tenantWithoutSchemeIsInvalid() {
    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", "127.0.0.1:8443", "--enrollment-key", "k");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'127.0.0.1:8443'").contains("use https://HOST[:PORT]");
  }

  @Test
  void tenantWithPathIsInvalid() {
    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", "https://127.0.0.1:8443/admin", "--enrollment-key", "k");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("remove the path '/admin'");
  }

  @Test
  void adminUrlPortOutOfRangeIsInvalid() throws IOException {
    CommandRun run = CommandRun.of("tenant", "jobs", "--url", "https://127.0.0.1:99999",
        "--token-file", tokenFile().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--url").contains("port 99999 is out of range")
        .doesNotContain("Exception");
  }

  @Test
  void adminUrlPlainHttpIsInvalid() throws IOException {
    CommandRun run = CommandRun.of("tenant", "jobs", "--url", "http://127.0.0.1:8443",
        "--token-file", tokenFile().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("HTTPS only");
  }

  @Test
  void adminUrlWithPathIsInvalid() throws IOException {
    CommandRun run = CommandRun.of("tenant", "jobs", "--url", tenant.url() + "/admin/v1",
        "--token-file", tokenFile().toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("remove the path '/admin/v1'");
  }

  @Test
  void adminUrlWithSlashWorks() throws IOException {
    CommandRun run = CommandRun.of("tenant", "jobs", "--url", tenant.url() + "/",
        "--fingerprint", tenant.fingerprint().hex(), "--token-file", tokenFile().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void reservedShNamesAreRejectedBeforeQueueing() throws IOException {
    for (String name : List.of("PATH", "path", "HOME", "BRIDGEHEAD_RESULT", "bridgehead_x")) {
      CommandRun run = taskRun("--var", name + "=x");

      assertThat(run.exitCode()).as(name).isEqualTo(2);
      assertThat(run.err()).as(name).contains("variable '" + name + "' is reserved");
    }
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void bridgeheadPrefixIsRejectedForPowerShell() throws IOException {
    CommandRun run = taskRun("--shell", "powershell", "--secret-var", "BridgeHead_Token=x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("variable 'BridgeHead_Token' is reserved");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void pathIsAllowedForPowerShell() throws IOException {
    CommandRun run = taskRun("--shell", "powershell", "--var", "PATH=x", "--wait", "1s");

    assertThat(run.err()).doesNotContain("reserved");
    assertThat(admin().jobs(10)).hasSize(1);
  }

  @Test
  void powerShellRejectsCaseOnlyDifference() throws IOException {
    CommandRun run = taskRun("--shell", "powershell", "--var", "Name=a", "--var", "NAME=b");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("variables 'Name' and 'NAME' differ only in case");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void variableGivenTwiceIsRejected() throws IOException {
    CommandRun run = taskRun("--var", "A=2", "--secret-var", "A=1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("variable 'A' is given twice");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void repeatedVarIsRejected() {
    CommandRun run = taskRun("--var", "A=1", "--var", "A=2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("variable 'A' is given twice");
  }

  @Test
  void adminApiRejectsReservedName() {
    TaskSpec task = new TaskSpec(ScriptShell.SH, "true\n", Map.of("PATH", "x"), Set.of(), 60,
        1024 * 1024);

    assertThatThrownBy(() -> admin().submit(new SubmitTaskRequest("work", task, null)))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("variable 'PATH' is reserved")
        .satisfies(e -> assertThat(((AdminException) e).status()).isEqualTo(400));
  }

  @Test
  void adminApiRejectsCaseOnlyDifference() {
    TaskSpec task = new TaskSpec(ScriptShell.POWERSHELL, "1\n", Map.of("a", "1", "A", "2"),
        Set.of(), 60, 1024 * 1024);

    assertThatThrownBy(() -> admin().submit(new SubmitTaskRequest("work", task, null)))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("differ only in case")
        .satisfies(e -> assertThat(((AdminException) e).status()).isEqualTo(400));
  }

  @Test
  void waitOfOneSecondWaitsFullSecond() {
    long started = System.nanoTime();
    CommandRun run = taskRun("--wait", "1s");
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000);
    assertThat(run.err()).contains("within 1 s").contains("so it was cancelled");
  }

  @Test
  void subSecondWaitRemainderIsWaited() {
    long started = System.nanoTime();
    CommandRun run = taskRun("--wait", "1500ms");
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(1500);
    assertThat(run.err()).contains("within 1500 ms");
  }

  @Test
  void runningJobAtWaitEndIsNotCancelled() throws IOException, InterruptedException {
    AgentService agent = startAgent();
    try {
      Path sleeper = Files.writeString(folder.resolve("sleep.sh"), "sleep 8\n");

      CommandRun run = tenant("task", "run", "--pool", "work", sleeper.toString(), "--wait",
          "4s");

      assertThat(run.exitCode()).isEqualTo(6);
      assertThat(run.err()).contains("is still running after 4 s").doesNotContain("cancel");
      JobView job = admin().jobs(1).get(0);
      assertThat(job.state()).isEqualTo("running");
    } finally {
      agent.stop();
    }
  }

  @Test
  void cancelOfFinishedJobSaysSo() throws IOException {
    AgentService agent = startAgent();
    try {
      CommandRun done = taskRun("--wait", "60s");
      String jobId = admin().jobs(1).get(0).id();

      CommandRun cancel = tenant("job", "cancel", jobId);

      assertThat(done.exitCode()).as(done.err()).isZero();
      assertThat(cancel.exitCode()).as(cancel.err()).isZero();
      assertThat(cancel.out()).contains("Job " + jobId + " has already finished (succeeded);"
          + " nothing to cancel.");
    } finally {
      agent.stop();
    }
  }

  @Test
  void cancelOfQueuedJobCancelsIt() throws IOException {
    JobView job = admin().submit(new SubmitTaskRequest("work", new TaskSpec(ScriptShell.SH,
        "true\n", Map.of(), Set.of(), 60, 1024 * 1024), null));

    CommandRun first = tenant("job", "cancel", job.id());
    CommandRun second = tenant("job", "cancel", job.id());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Job " + job.id() + " is cancelled.");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("has already finished (cancelled); nothing to cancel.");
  }

  @Test
  void jobIdWithPathIsInvalid() {
    for (String command : List.of("show", "cancel")) {
      CommandRun run = tenant("job", command, "../agents");

      assertThat(run.exitCode()).as(command).isEqualTo(2);
      assertThat(run.err()).as(command).contains("invalid job id '../agents'");
      assertThat(run.out()).as(command).isEmpty();
    }
  }

  @Test
  void agentIdWithPathIsInvalid() {
    CommandRun run = tenant("agent", "remove", "../jobs/x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid agent id '../jobs/x'");
  }

  @Test
  void poolNameWithPathIsInvalid() throws IOException {
    CommandRun run = tenant("pool", "delete", "../agents/agt_x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid pool name '../agents/agt_x'");
    assertThat(admin().pools()).hasSize(1);
  }

  @Test
  void helpWorksForEveryCommand() {
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"demo", "--help"});
    commands.add(new String[] {"demo", "-h"});
    commands.add(new String[] {"tenant", "job", "show", "--help"});
    commands.add(new String[] {"tenant", "task", "run", "-h"});
    commands.add(new String[] {"agent", "enroll", "--help"});
    commands.add(new String[] {"status", "-h"});
    for (String[] command : commands) {
      CommandRun run = CommandRun.of(command);

      assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(run.out()).as(String.join(" ", command)).startsWith("Usage: bridgehead ");
      assertThat(run.err()).as(String.join(" ", command)).isEmpty();
    }
  }

  @Test
  void demoHelpDescribesDemo() {
    CommandRun run = CommandRun.of("demo", "--help");

    assertThat(run.out()).contains("Usage: bridgehead demo").contains("--keep");
  }

  @Test
  void helpAfterDoubleDashIsOperand() {
    CommandRun run = tenant("pool", "create", "--", "--help");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invalid pool name '--help'");
  }

  @Test
  void extraTaskRunArgumentIsRejected() throws IOException {
    CommandRun run = tenant("task", "run", "--pool", "work", script.toString(), "extra.sh");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unexpected argument 'extra.sh'");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void extraJobShowArgumentIsRejected() {
    CommandRun run = tenant("job", "show", "job_1", "job_2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unexpected argument 'job_2'");
  }

  @Test
  void enrollWithAccessRoleKeepsKey() throws IOException {
    for (String role : List.of("access", "provisioning")) {
      String key = admin().createEnrollmentKey("work").enrollmentKey();

      CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
          "--tenant", tenant.url(), "--fingerprint", tenant.fingerprint().hex(),
          "--enrollment-key", key, "--role", role);

      assertThat(run.exitCode()).as(role).isEqualTo(2);
      assertThat(run.err()).as(role).contains("--role " + role)
          .contains("only the automation role takes jobs in this version");
    }
    assertThat(admin().enrollmentKeys("work")).allMatch(key -> key.usesLeft() == 1);
    assertThat(admin().agents()).isEmpty();
  }

  @Test
  void folderAsScriptIsInvalid() {
    CommandRun run = tenant("task", "run", "--pool", "work", folder.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("script file " + folder + " is a folder; give a script"
        + " file");
  }

  @Test
  void oversizedScriptIsRejectedBeforeSending() throws IOException {
    Path big = folder.resolve("big.sh");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(17L * 1024 * 1024);
    }

    CommandRun run = tenant("task", "run", "--pool", "work", big.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("big.sh is 17825792 bytes").contains("16MiB");
    assertThat(admin().jobs(10)).isEmpty();
  }

  @Test
  void scriptWithEscapesOverLimitIsRejected() throws IOException {
    Path quoted = Files.writeString(folder.resolve("quoted.sh"),
        "echo \"" + "\"".repeat(9 * 1024 * 1024) + "\n");

    CommandRun run = tenant("task", "run", "--pool", "work", quoted.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("as JSON with its variables").contains("16MiB");
  }

  @Test
  void emptyEnrollmentKeyFileIsNamed() throws IOException {
    Path empty = Files.writeString(folder.resolve("key"), "\n");

    CommandRun run = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", tenant.url(), "--enrollment-key-file", empty.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("enrollment key file " + empty + " is empty");
  }

  private CommandRun taskRun(String... options) {
    List<String> arguments = new ArrayList<>(List.of("task", "run", "--pool", "work",
        script.toString()));
    arguments.addAll(List.of(options));
    return tenant(arguments.toArray(String[]::new));
  }

  private CommandRun tenant(String... arguments) {
    List<String> all = new ArrayList<>(List.of("tenant", "--data", tenantData.toString()));
    all.addAll(List.of(arguments));
    return CommandRun.of(all.toArray(String[]::new));
  }

  private AgentService startAgent() throws IOException {
    String key = admin().createEnrollmentKey("work").enrollmentKey();
    CommandRun enroll = CommandRun.of("agent", "enroll", "--data", agentData.toString(),
        "--tenant", tenant.url(), "--fingerprint", tenant.fingerprint().hex(),
        "--enrollment-key", key);
    assertThat(enroll.exitCode()).as(enroll.err()).isZero();
    return AgentService.start(agentData, Role.AUTOMATION, AgentSettings.defaults(agentData));
  }

  private Path tokenFile() throws IOException {
    return Files.writeString(folder.resolve("token"), tenant.adminToken());
  }

  private AdminClient admin() throws IOException {
    return AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }
}

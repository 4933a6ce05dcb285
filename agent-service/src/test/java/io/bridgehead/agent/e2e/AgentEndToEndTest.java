package io.bridgehead.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.ErrorBody;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.LeaseRequest;
import io.bridgehead.wire.LogLine;
import io.bridgehead.wire.Outcome;
import io.bridgehead.wire.PollRequest;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automation agent against the reference tenant, end to end: a real tenant over HTTPS on a
 * loopback port, a real agent in this JVM talking to it over real sockets, and real sh scripts
 * run as child processes. Every wait is bounded, and no test asserts how fast anything is,
 * except where a bound shows that a long poll was woken.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts")
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class AgentEndToEndTest {
  /**
   * The longest wait for a job. Jobs here take a few seconds alone; on two busy cores the 50 MB
   * output test took over 30 s, so the wait leaves room for a loaded build machine.
   */
  private static final Duration JOB_WAIT = Duration.ofSeconds(120);
  /** Maximum wait for any other condition. */
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(20);
  private static final long ONE_MIB = 1024 * 1024;
  private static final String POOL = "servers";
  private static final List<Role> ROLES = List.of(Role.AUTOMATION);

  @TempDir
  Path temp;

  private LoopbackTenant tenant;
  private final List<AgentService> agents = new ArrayList<>();

  @BeforeEach
  void startTenant() throws IOException {
    tenant = LoopbackTenant.start(temp.resolve("tenant"));
  }

  @AfterEach
  void stopAgentsAndTenant() {
    stopAgents();
    tenant.close();
  }

  @Test
  void taskCountsFilesAndShipsLog() throws Exception {
    Path scanned = Files.createDirectories(temp.resolve("scanned"));
    Files.writeString(scanned.resolve("a.txt"), "hello");
    Files.writeString(scanned.resolve("with space.txt"), "abc");
    Files.write(Files.createDirectories(scanned.resolve("sub")).resolve("data.bin"),
        new byte[1000]);
    Path agentFolder = enroll();
    startAgent(agentFolder);
    String script = String.join("\n",
        "files=$(find \"$FOLDER\" -type f | wc -l)",
        "bytes=$(find \"$FOLDER\" -type f -exec cat {} + | wc -c)",
        "printf '{\"files\":%d,\"bytes\":%d}' \"$files\" \"$bytes\" > \"$BRIDGEHEAD_RESULT\"",
        "echo \"counted $files files of $bytes bytes\"",
        "echo 'scan done' >&2");

    JobView submitted = submit(shTask(script, Map.of("FOLDER", scanned.toString())));
    JobView job = awaitFinished(submitted.id());

    assertThat(submitted.state()).isEqualTo("queued");
    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.exitCode()).isEqualTo(0);
    assertThat(job.message()).isEqualTo("exited with code 0");
    assertThat(job.result()).isEqualTo(json("{\"files\":3,\"bytes\":1008}"));
    assertThat(job.output()).isEqualTo("counted 3 files of 1008 bytes\n");
    assertThat(job.errorOutput()).isEqualTo("scan done\n");
    assertThat(job.outputTruncated()).isFalse();
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.agentId()).isEqualTo(AgentConfig.read(agentFolder).agentId());
    assertThat(tenant.admin().logs(job.id()))
        .extracting(LogLine::stream, LogLine::text)
        .contains(tuple("output", "counted 3 files of 1008 bytes"), tuple("error", "scan done"));
  }

  @Test
  void credentialIsPrivateAndNeverLogged() throws Exception {
    Path agentFolder;
    List<String> logTexts;
    try (LogCapture capture = LogCapture.start()) {
      agentFolder = enroll();
      startAgent(agentFolder);
      JobView job = awaitFinished(submit(shTask("echo hello", Map.of())).id());
      assertThat(job.state()).isEqualTo("succeeded");
      stopAgents();
      logTexts = capture.texts();
    }
    Path credentialFile = agentFolder.resolve(FileCredentialStore.FILE_NAME);
    String credential = new FileCredentialStore(agentFolder).load().orElseThrow();
    // The credential is "<agent id>.<secret>", and the agent id alone may be logged.
    String secret = credential.substring(credential.indexOf('.') + 1);
    String agentId = AgentConfig.read(agentFolder).agentId();

    assertThat(Files.getPosixFilePermissions(credentialFile))
        .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThat(secret).hasSizeGreaterThanOrEqualTo(16);
    assertThat(logTexts).as("captured log events that name the agent")
        .anyMatch(text -> text.contains(agentId));
    assertThat(logTexts).filteredOn(text -> text.contains(secret)).isEmpty();
    assertThat(Files.readString(agentFolder.resolve(AgentConfig.FILE_NAME)))
        .contains(agentId)
        .doesNotContain(secret);
    assertThat(filesContaining(agentFolder, secret)).containsExactly(credentialFile);
  }

  @Test
  void agentStartedWhileTenantDownRunsTaskLater() throws Exception {
    Path agentFolder = enroll();
    tenant.stop();
    AgentService agent = startAgent(agentFolder);
    awaitTrue("the agent finds the tenant unreachable",
        () -> !agent.loop().link().isReachable());

    tenant.restart();
    JobView job = awaitFinished(submit(shTask("echo after restart", Map.of())).id());

    assertThat(tenant.server().port()).isEqualTo(tenant.port());
    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("after restart\n");
    assertThat(agent.loop().link().isReachable()).isTrue();
  }

  @Test
  void queuedTaskSurvivesTenantRestart() throws Exception {
    Path agentFolder = enroll();
    JobView submitted = submit(shTask("echo queued before the restart", Map.of()));
    tenant.stop();
    tenant.restart();
    JobView afterRestart = tenant.admin().job(submitted.id(), Duration.ZERO);

    startAgent(agentFolder);
    JobView job = awaitFinished(submitted.id());

    assertThat(afterRestart.state()).isEqualTo("queued");
    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("queued before the restart\n");
    assertThat(job.attempt()).isEqualTo(1);
  }

  @Test
  void tenantOutageKeepsLateLogLines() throws Exception {
    Path goFile = temp.resolve("go");
    AgentService agent = startAgent(enroll());
    String script = String.join("\n",
        "echo started",
        "while [ ! -e \"$GO_FILE\" ]; do sleep 0.1; done",
        "echo finished");
    String jobId = submit(shTask(script, Map.of("GO_FILE", goFile.toString()))).id();
    awaitTrue("the tenant stores the line 'started'", () -> tenant.admin().logs(jobId).stream()
        .anyMatch(line -> line.text().equals("started")));

    tenant.stop();
    Files.writeString(goFile, "");
    awaitTrue("the agent retries sending the result", AgentEndToEndTest::agentRetriesResult);
    tenant.restart();
    JobView job = awaitFinished(jobId);
    List<LogLine> logs = tenant.admin().logs(jobId);

    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("started\nfinished\n");
    assertThat(agent.loop().link().isReachable()).isTrue();
    assertThat(logs).extracting(LogLine::text).containsExactly("started", "finished");
  }

  @Test
  void timeLimitKillsScriptAndGrandchild() throws Exception {
    Path pidFile = temp.resolve("grandchild.pid");
    startAgent(enroll());
    String script = String.join("\n",
        "sleep 300 &",
        "echo \"$!\" > \"$PID_FILE\"",
        "sleep 60");
    TaskSpec task = new TaskSpec(ScriptShell.SH, script, Map.of("PID_FILE", pidFile.toString()),
        Set.of(), 2, ONE_MIB);

    JobView job = awaitFinished(submit(task).id());

    assertThat(job.state()).isEqualTo("timed_out");
    assertThat(job.message()).startsWith("timed out after 2 s; killed ");
    assertThat(job.exitCode()).isNull();
    assertNoResult(job);
    awaitGone(readPids(pidFile).get(0));
  }

  @Test
  void invalidUtf8AndHugeOutputLeaveAgentWorking() throws Exception {
    startAgent(enroll());
    TaskSpec huge = new TaskSpec(ScriptShell.SH,
        "yes 0123456789abcdef | head -c 52428800\necho done >&2", Map.of(), Set.of(), 60,
        ONE_MIB);

    JobView invalid = awaitFinished(submit(shTask("printf '\\377\\376abc\\n'", Map.of())).id());
    JobView big = awaitFinished(submit(huge).id());
    JobView next = awaitFinished(submit(shTask("echo still here", Map.of())).id());

    assertThat(invalid.state()).isEqualTo("succeeded");
    assertThat(invalid.output()).isEqualTo("\uFFFD\uFFFDabc\n");
    assertThat(invalid.outputTruncated()).isFalse();
    assertThat(tenant.admin().logs(invalid.id()))
        .extracting(LogLine::stream, LogLine::text)
        .containsExactly(tuple("output", "\uFFFD\uFFFDabc"));
    assertThat(big.state()).isEqualTo("succeeded");
    assertThat(big.outputTruncated()).isTrue();
    assertThat(big.output()).hasSize((int) ONE_MIB);
    assertThat(big.output()).startsWith("0123456789abcdef\n0123456789abcdef\n");
    assertThat(big.errorOutput()).isEqualTo("done\n");
    assertThat(next.state()).isEqualTo("succeeded");
    assertThat(next.output()).isEqualTo("still here\n");
    assertThat(next.agentId()).isEqualTo(invalid.agentId());
  }

  @Test
  void outputBurstKeepsLogLines() throws Exception {
    AgentService agent = startAgent(enroll());
    // The 40,000 lines (228 kB) come out in a burst, far faster than one send per flush tick
    // could take them; the agent sends early whenever a full batch is waiting.
    String script = "seq 1 40000\necho done >&2";

    JobView job = awaitFinished(submit(shTask(script, Map.of())).id());
    List<LogLine> logs = tenant.admin().logs(job.id());

    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.outputTruncated()).isFalse();
    assertThat(job.output()).endsWith("\n39999\n40000\n");
    assertThat(job.errorOutput()).isEqualTo("done\n");
    assertThat(agent.loop().link().isReachable()).isTrue();
    assertThat(logs).hasSize(40_001);
    assertThat(logs).extracting(LogLine::text).contains("done", "1", "40000");
    assertThat(logs).extracting(LogLine::stream).doesNotContain("agent");
  }

  @Test
  void repeatedResultIsRecordedOnce() throws Exception {
    String key = tenant.createPool(POOL);
    LoopbackTenant.RawResponse enrolled = tenant.post(AgentApi.ENROLL,
        new EnrollRequest(key, "raw-host", ROLES, "0.0.0-test", "Linux test"), null);
    assertThat(enrolled.status()).isEqualTo(200);
    String credential = read(enrolled, EnrollResponse.class).credential();
    JobView submitted = submit(shTask("echo never run", Map.of()));

    LoopbackTenant.RawResponse polled =
        tenant.post(AgentApi.NEXT_JOB, new PollRequest(ROLES, 5), credential);
    assertThat(polled.status()).isEqualTo(200);
    JobOffer offer = read(polled, JobOffer.class);
    String jobId = offer.jobId();
    LoopbackTenant.RawResponse accepted = tenant.post(AgentApi.acceptPath(jobId),
        new LeaseRequest(offer.leaseId()), credential);
    String resultPath = AgentApi.resultPath(jobId);
    LoopbackTenant.RawResponse staleWhileRunning =
        tenant.post(resultPath, result("lse_stale", "from a stale lease"), credential);
    JobView running = tenant.admin().job(jobId, Duration.ZERO);

    JobResult result = result(offer.leaseId(), "reported once");
    LoopbackTenant.RawResponse first = tenant.post(resultPath, result, credential);
    JobView afterFirst = tenant.admin().job(jobId, Duration.ZERO);
    LoopbackTenant.RawResponse repeat = tenant.post(resultPath, result, credential);
    JobView afterRepeat = tenant.admin().job(jobId, Duration.ZERO);
    LoopbackTenant.RawResponse staleAfterFinish =
        tenant.post(resultPath, result("lse_stale", "from a stale lease"), credential);

    assertThat(jobId).isEqualTo(submitted.id());
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(staleWhileRunning.status()).isEqualTo(409);
    assertThat(read(staleWhileRunning, ErrorBody.class).error()).isEqualTo(AgentApi.LEASE_LOST);
    assertThat(running.state()).isEqualTo("running");
    assertThat(first.status()).isEqualTo(204);
    assertThat(repeat.status()).isEqualTo(204);
    assertThat(afterFirst.state()).isEqualTo("succeeded");
    assertThat(afterFirst.message()).isEqualTo("reported once");
    assertThat(afterFirst.result()).isEqualTo(json("{\"answer\":42}"));
    assertThat(afterFirst.output()).isEqualTo("raw output\n");
    assertThat(afterRepeat).isEqualTo(afterFirst);
    assertThat(staleAfterFinish.status()).isEqualTo(409);
    assertThat(read(staleAfterFinish, ErrorBody.class).error()).isEqualTo(AgentApi.LEASE_LOST);
    assertThat(tenant.admin().job(jobId, Duration.ZERO)).isEqualTo(afterFirst);
  }

  @Test
  void cancelKillsRunningScript() throws Exception {
    Path pidFile = temp.resolve("script.pids");
    startAgent(enroll());
    // The script writes its own and its child's process id, renaming the file into place so
    // that the test never reads it half-written.
    String script = String.join("\n",
        "sleep 300 &",
        "echo \"$$ $!\" > \"$PID_FILE.tmp\"",
        "mv \"$PID_FILE.tmp\" \"$PID_FILE\"",
        "wait");
    TaskSpec task = new TaskSpec(ScriptShell.SH, script, Map.of("PID_FILE", pidFile.toString()),
        Set.of(), 120, ONE_MIB);
    String jobId = submit(task).id();
    awaitTrue("the script writes " + pidFile, () -> Files.exists(pidFile));
    List<Long> pids = readPids(pidFile);
    JobView running = tenant.admin().job(jobId, Duration.ZERO);

    JobView cancelling = tenant.admin().cancel(jobId);
    JobView job = awaitFinished(jobId);

    assertThat(running.state()).isEqualTo("running");
    assertThat(cancelling.state()).isEqualTo("running");
    assertThat(job.state()).isEqualTo("cancelled");
    assertThat(job.message()).startsWith("cancelled on the tenant; cancelled; killed ");
    assertThat(job.exitCode()).isNull();
    assertNoResult(job);
    assertThat(pids).hasSize(2);
    for (long pid : pids) {
      awaitGone(pid);
    }
  }

  @Test
  void secretVariableIsMaskedInOutput() throws Exception {
    String token = "tok-" + UUID.randomUUID();
    startAgent(enroll());
    String script = "echo \"token=$TOKEN\"\necho \"error token=$TOKEN\" >&2";
    TaskSpec task = new TaskSpec(ScriptShell.SH, script, Map.of("TOKEN", token),
        Set.of("TOKEN"), 60, ONE_MIB);

    JobView job = awaitFinished(submit(task).id());
    List<LogLine> logs = tenant.admin().logs(job.id());

    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("token=***\n");
    assertThat(job.errorOutput()).isEqualTo("error token=***\n");
    assertThat(job.message()).doesNotContain(token);
    assertThat(logs).extracting(LogLine::text).contains("token=***", "error token=***");
    assertThat(logs).extracting(LogLine::text).noneMatch(text -> text.contains(token));
  }

  @Test
  void unknownOrUsedEnrollmentKeyRejected() throws Exception {
    Path unknownKeyFolder = temp.resolve("agent-unknown-key");
    Path firstFolder = temp.resolve("agent-first");
    Path secondFolder = temp.resolve("agent-second");
    String key = tenant.createPool(POOL);

    assertThatThrownBy(() -> Enrollment.enroll(tenant.connection(), "bhk_unknown", ROLES,
        unknownKeyFolder)).isInstanceOfSatisfying(TenantException.class,
            AgentEndToEndTest::assertInvalidEnrollmentKey);
    Enrollment.enroll(tenant.connection(), key, ROLES, firstFolder);
    assertThatThrownBy(() -> Enrollment.enroll(tenant.connection(), key, ROLES, secondFolder))
        .isInstanceOfSatisfying(TenantException.class,
            AgentEndToEndTest::assertInvalidEnrollmentKey);

    assertThat(unknownKeyFolder.resolve(AgentConfig.FILE_NAME)).doesNotExist();
    assertThat(unknownKeyFolder.resolve(FileCredentialStore.FILE_NAME)).doesNotExist();
    assertThat(firstFolder.resolve(AgentConfig.FILE_NAME)).exists();
    assertThat(secondFolder.resolve(AgentConfig.FILE_NAME)).doesNotExist();
    assertThat(secondFolder.resolve(FileCredentialStore.FILE_NAME)).doesNotExist();
    assertThat(tenant.admin().agents()).hasSize(1);
  }

  @Test
  void waitingPollTakesNewTaskAtOnce() throws Exception {
    Path agentFolder = enroll();
    long agentStartedNanos = System.nanoTime();
    startAgent(agentFolder);
    awaitTrue("the agent's long poll waits on the tenant", LoopbackTenant::hasWaitingPoll);

    JobView job = awaitFinished(submit(shTask("echo picked up", Map.of())).id());
    Duration sinceAgentStart = Duration.ofNanos(System.nanoTime() - agentStartedNanos);

    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("picked up\n");
    // A correctness bound, not a speed target. The agent's poll began after the agent started
    // and requests a wait of 25 s, so a poll that the new task did not wake could not return
    // the task until 25 s after the start.
    assertThat(sinceAgentStart).isLessThan(Duration.ofSeconds(20));
  }

  /** Creates the pool and enrolls an automation agent into it; returns its data folder. */
  private Path enroll() throws IOException {
    String key = tenant.createPool(POOL);
    Path agentFolder = temp.resolve("agent");
    Enrollment.enroll(tenant.connection(), key, ROLES, agentFolder);
    return agentFolder;
  }

  /**
   * Starts the agent with the default settings except for retries, which wait 50 ms at first
   * and 500 ms at most, so that the agent finds a restarted tenant quickly.
   */
  private AgentService startAgent(Path agentFolder) throws IOException {
    AgentSettings settings = AgentSettings.defaults(agentFolder)
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(500));
    AgentService agent = AgentService.start(agentFolder, Role.AUTOMATION, settings);
    agents.add(agent);
    return agent;
  }

  private void stopAgents() {
    agents.forEach(AgentService::stop);
    agents.clear();
  }

  private static TaskSpec shTask(String script, Map<String, String> variables) {
    return new TaskSpec(ScriptShell.SH, script, variables, Set.of(), 60, ONE_MIB);
  }

  private JobView submit(TaskSpec task) throws IOException {
    return tenant.admin().submit(new SubmitTaskRequest(POOL, task, null));
  }

  /** Waits on the tenant up to {@link #JOB_WAIT} for the job to finish. */
  private JobView awaitFinished(String jobId) throws IOException {
    JobView job = tenant.admin().job(jobId, JOB_WAIT);
    assertThat(job.finished())
        .as("job %s finished within %s, but it is %s", jobId, JOB_WAIT, job.state())
        .isTrue();
    return job;
  }

  private static JobResult result(String leaseId, String message) throws IOException {
    Instant now = Instant.now();
    return new JobResult(leaseId, Outcome.SUCCEEDED, 0, json("{\"answer\":42}"), "raw output\n",
        "", false, message, now, now);
  }

  /**
   * Asserts that the job has no structured result. The admin client reads a missing result as
   * JSON null, a {@code NullNode}, so Java null and JSON null both count.
   */
  private static void assertNoResult(JobView job) {
    assertThat(job.result() == null || job.result().isNull())
        .as("job %s has no result, but it has %s", job.id(), job.result())
        .isTrue();
  }

  private static <T> T read(LoopbackTenant.RawResponse response, Class<T> type) throws IOException {
    return Json.mapper().readValue(response.body(), type);
  }

  private static JsonNode json(String text) throws IOException {
    return Json.mapper().readTree(text);
  }

  private static void assertInvalidEnrollmentKey(TenantException e) {
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.code()).isEqualTo(AgentApi.INVALID_ENROLLMENT_KEY);
    assertThat(e.getMessage()).startsWith("the enrollment key is unknown, used already or"
        + " expired");
  }

  /** A condition that a test waits for; it may throw, which fails the test at once. */
  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(String description, Condition condition) throws Exception {
    long deadline = System.nanoTime() + CONDITION_WAIT.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        fail("waited " + CONDITION_WAIT + " in vain until " + description);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits until the process has ended. The agent reports a job only after killing its process
   * tree, so the process should be gone already. The wait gives a loaded machine some slack.
   */
  private static void awaitGone(long pid) throws Exception {
    awaitTrue("process " + pid + " has ended", () -> !isRunning(pid));
  }

  /**
   * Returns whether the process exists and is no zombie. Zombies, which have already ended,
   * are recognized only where {@code /proc} exists, as on Linux.
   */
  private static boolean isRunning(long pid) throws IOException {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.isDirectory(stat.getParent().getParent())) {
      return true;
    }
    try {
      // "pid (command) state ...": the command may contain spaces and parentheses.
      String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
      return text.substring(text.lastIndexOf(')') + 1).trim().charAt(0) != 'Z';
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Returns true when the agent's outbox sender in this JVM sleeps between tries to send,
   * that is, inside {@code Outbox.pause}, which happens only once the job's items are kept and
   * the tenant did not take the first of them.
   */
  private static boolean agentRetriesResult() {
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      if (entry.getKey().getState() != Thread.State.TIMED_WAITING) {
        continue;
      }
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals("io.bridgehead.agent.outbox.Outbox")
            && frame.getMethodName().equals("pause")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Reads the process ids a script wrote to a file, separated by white space. */
  private static List<Long> readPids(Path file) throws IOException {
    return Stream.of(Files.readString(file).trim().split("\\s+"))
        .map(Long::parseLong)
        .collect(Collectors.toList());
  }

  /** Returns the regular files under {@code folder} whose text contains {@code text}. */
  private static List<Path> filesContaining(Path folder, String text) throws IOException {
    List<Path> matches = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (content.contains(text)) {
          matches.add(file);
        }
      }
    }
    return matches;
  }
}

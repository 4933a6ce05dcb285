package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateRequest;
import io.bridgehead.agent.update.UpdateResult;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.admin.UpdateOutcomeView;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import io.bridgehead.wire.release.PackageBuilder;
import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bridgehead update apply|recover} as child processes run from the installed program,
 * as a service starts them, on installations into folders ({@code install --root}) whose
 * services run as detached child processes and reach a real tenant on loopback over HTTPS.
 * The packages are signed in the test with a key the tenant and the installations trust.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "installs Linux services into a folder")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class UpdaterTest {
  private static final String GOOD_VERSION = "0.1.1-test";
  private static final String BROKEN_VERSION = "0.1.2-broken";
  private static final String BROKEN_MESSAGE = "broken build: refusing to start";
  private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
  private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(5);
  /** How long a rollout started by the tenant may take: heartbeats come every 15 s. */
  private static final Duration ROLLOUT_WAIT = Duration.ofMinutes(4);

  @TempDir
  static Path shared;

  private static Path distribution;
  private static Path publicKey;
  private static Path goodPackage;
  private static Path brokenPackage;
  private static TenantServer tenant;
  private static AdminClient admin;
  /** The installation that the halted updates and the planted files share. */
  private static Installation haltRoot;

  @BeforeAll
  static void buildPackagesAndStartTenant() throws IOException {
    distribution = TestDistribution.build(Files.createDirectories(shared.resolve("dist")));
    KeyPair key = ReleaseKeys.generate();
    Path privateKey = shared.resolve("release.key");
    publicKey = shared.resolve("release.pub.pem");
    ReleaseKeys.write(key, privateKey, publicKey);

    // A package of lib/ only, as 'bridgehead release build' makes without --from.
    Path good = Files.createDirectories(shared.resolve("good/lib"));
    Files.copy(distribution.resolve("launcher.jar"), good.resolve("launcher.jar"));
    try (Stream<Path> jars = Files.list(distribution.resolve("lib"))) {
      for (Path jar : jars.toList()) {
        Files.copy(jar, good.resolve(jar.getFileName()));
      }
    }
    goodPackage = shared.resolve("good.zip");
    PackageBuilder.build(good.getParent(), GOOD_VERSION, key.getPrivate(), goodPackage);

    // A package with bin/ and lib/, as with --from, whose program exits at once.
    Path broken = Files.createDirectories(shared.resolve("broken"));
    Files.createDirectories(broken.resolve("lib"));
    Files.copy(distribution.resolve("launcher.jar"), broken.resolve("lib/launcher.jar"));
    Path script = Files.createDirectories(broken.resolve("bin")).resolve("bridgehead");
    Files.writeString(script, "#!/bin/sh\necho '" + BROKEN_MESSAGE + "' >&2\nexit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    brokenPackage = shared.resolve("broken.zip");
    PackageBuilder.build(broken, BROKEN_VERSION, key.getPrivate(), brokenPackage);

    tenant = TenantServer.start(TenantSettings.defaults(shared.resolve("tenant")).withPort(0)
        .withUpdates(new UpdateSettings(key.getPublic(),
            UpdateSettings.DEFAULT_MAX_PACKAGE_BYTES, UpdateSettings.DEFAULT_ROLLOUT_TIMEOUT)));
    admin = AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }

  @AfterAll
  static void stopServicesAndTenant() throws IOException {
    for (Path root : Installation.roots) {
      Path pid = root.resolve("run/bridgehead/automation.pid");
      if (Files.exists(pid)) {
        long number = Long.parseLong(Files.readString(pid).trim());
        ProcessHandle.of(number).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    if (tenant != null) {
      tenant.close();
    }
  }

  @Test
  void applySwitchesToNewVersion() throws Exception {
    Installation install = Installation.create(shared.resolve("update"));
    install.checkUpdateSetup();
    install.request(GOOD_VERSION, goodPackage);

    ChildRun apply = install.updater("apply", Map.of());

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(install.currentTarget()).isEqualTo("versions/" + GOOD_VERSION);
    JsonNode status = install.status();
    assertThat(status.path("version").asText()).isEqualTo(GOOD_VERSION);
    assertThat(status.path("state").asText()).isEqualTo("running");
    Path versionDir = install.installDir().resolve("versions/" + GOOD_VERSION);
    assertThat(versionDir.resolve("manifest.json")).exists();
    assertThat(versionDir.resolve("manifest.sig")).exists();
    assertThat(Files.isExecutable(versionDir.resolve("bin/bridgehead"))).isTrue();
    assertThat(install.installDir().resolve("versions/" + install.version())).exists();
    assertThat(InstallRecord.read(install.data().resolve("install.json")).version())
        .isEqualTo(GOOD_VERSION);
    assertThat(install.updates().request()).doesNotExist();
    assertThat(install.updates().journal()).doesNotExist();
    UpdateResult result = UpdateResult.read(install.updates()).orElseThrow();
    assertThat(result.outcome()).isEqualTo(UpdateResult.OK);
    assertThat(result.runningVersion()).isEqualTo(GOOD_VERSION);
    assertThat(result.fromVersion()).isEqualTo(install.version());

    JobView job = admin.submit(new SubmitTaskRequest(install.pool(), new TaskSpec(
        ScriptShell.SH, "echo after the update", Map.of(), Set.of(), 60, 1024 * 1024), null));
    JobView finished = admin.job(job.id(), Duration.ofSeconds(60));
    assertThat(finished.state()).as(finished.toString()).isEqualTo("succeeded");
    assertThat(finished.agentId()).isEqualTo(install.agentId());

    ChildRun again = install.updater("apply", Map.of());
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("No update requested");

    InstallProcess.Result reinstall = InstallProcess.run(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", install.root().toString(),
        "--no-console-autostart"), "");
    assertThat(reinstall.exitCode()).as(reinstall.toString()).isZero();
    assertThat(install.data().resolve("release-key.pub.pem"))
        .hasSameTextualContentAs(publicKey);
    InstallProcess.Result uninstall = InstallProcess.run(distribution, List.of("uninstall",
        "--root", install.root().toString()), "");
    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    try (Stream<Path> left = Files.list(install.root())) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void failingVersionIsRolledBack() throws Exception {
    Installation install = Installation.create(shared.resolve("rollback"));
    install.request(BROKEN_VERSION, brokenPackage);

    ChildRun apply = install.updater("apply", Map.of());

    assertThat(apply.exitCode()).as(apply.output()).isEqualTo(1);
    assertThat(apply.output()).contains("Version " + install.version()
        + " runs again and is healthy");
    assertThat(install.currentTarget()).isEqualTo("versions/" + install.version());
    assertThat(install.status().path("version").asText()).isEqualTo(install.version());
    assertThat(install.updates().journal()).doesNotExist();
    assertThat(install.updates().request()).doesNotExist();
    UpdateResult result = UpdateResult.read(install.updates()).orElseThrow();
    assertThat(result.outcome()).isEqualTo(UpdateResult.ROLLED_BACK);
    assertThat(result.runningVersion()).isEqualTo(install.version());
    assertThat(result.reason()).contains("failed its health check");
    AgentView agent = admin.agents().stream()
        .filter(view -> view.id().equals(install.agentId())).findFirst().orElseThrow();
    UpdateOutcomeView report = agent.lastUpdate();
    assertThat(report).isNotNull();
    assertThat(report.version()).isEqualTo(BROKEN_VERSION);
    assertThat(report.outcome()).isEqualTo("failed");
    assertThat(report.reason()).contains("failed its health check");
    assertThat(report.logTail()).contains(BROKEN_MESSAGE);
  }

  @Test
  void poolTargetUpdatesAndRollsBack() throws Exception {
    Installation install = Installation.create(shared.resolve("rollout"));
    admin.publishRelease(goodPackage);
    admin.publishRelease(brokenPackage);

    admin.setTargetVersion(install.pool(), GOOD_VERSION);

    install.awaitVersion(GOOD_VERSION);
    assertThat(install.currentTarget()).isEqualTo("versions/" + GOOD_VERSION);
    JobView job = admin.submit(new SubmitTaskRequest(install.pool(), new TaskSpec(
        ScriptShell.SH, "echo updated by the tenant", Map.of(), Set.of(), 60, 1024 * 1024),
        null));
    JobView finished = admin.job(job.id(), Duration.ofSeconds(60));
    assertThat(finished.state()).as(finished.toString()).isEqualTo("succeeded");

    admin.setTargetVersion(install.pool(), BROKEN_VERSION);

    UpdateOutcomeView report = install.awaitReport(BROKEN_VERSION);
    assertThat(report.outcome()).isEqualTo("failed");
    assertThat(report.logTail()).contains(BROKEN_MESSAGE);
    install.awaitVersion(GOOD_VERSION);
    assertThat(install.currentTarget()).isEqualTo("versions/" + GOOD_VERSION);
    UpdateResult result = UpdateResult.read(install.updates()).orElseThrow();
    assertThat(result.outcome()).isEqualTo(UpdateResult.ROLLED_BACK);
    assertThat(result.runningVersion()).isEqualTo(GOOD_VERSION);
    assertThat(UpdateResult.history(install.updates())).extracting(UpdateResult::version)
        .containsExactly(BROKEN_VERSION, GOOD_VERSION);
  }

  @Test
  void badArgumentsAreRejected() throws Exception {
    Path empty = Files.createDirectories(shared.resolve("not-installed"));

    CommandRun noData = CommandRun.of("update", "apply");
    CommandRun unknown = CommandRun.of("update", "replace", "--data-dir", empty.toString());
    CommandRun noRecord = CommandRun.of("update", "recover", "--data-dir", empty.toString());
    CommandRun badTimeout = CommandRun.of("update", "apply", "--data-dir", empty.toString(),
        "--health-timeout", "soon");
    CommandRun help = CommandRun.of("update", "--help");

    assertThat(noData.exitCode()).isEqualTo(2);
    assertThat(noData.err()).contains("missing --data-dir");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown command 'update replace'");
    assertThat(noRecord.exitCode()).isEqualTo(2);
    assertThat(noRecord.err()).contains("has no install.json");
    assertThat(badTimeout.exitCode()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("invalid duration 'soon' for --health-timeout");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: bridgehead update apply|recover");
  }

  /**
   * Returns the steps to halt after, each with the version to update to and whether the
   * recovery keeps it. The recovery finishes only an update that reached "done", so that case
   * comes last, because every other case leaves the old version running for the next.
   */
  static Stream<Arguments> haltSteps() {
    return Stream.of(
        Arguments.of("begun", GOOD_VERSION, false),
        Arguments.of("unpacked", GOOD_VERSION, false),
        Arguments.of("stopped", GOOD_VERSION, false),
        Arguments.of("switched", GOOD_VERSION, false),
        Arguments.of("started", GOOD_VERSION, false),
        Arguments.of("healthy", GOOD_VERSION, false),
        Arguments.of("rolling-back", BROKEN_VERSION, false),
        Arguments.of("rollback-switched", BROKEN_VERSION, false),
        Arguments.of("rollback-started", BROKEN_VERSION, false),
        Arguments.of("done", GOOD_VERSION, true));
  }

  @ParameterizedTest(name = "halt after {0}")
  @MethodSource("haltSteps")
  void recoverAfterHalt(String step, String version, boolean keepsNewVersion)
      throws Exception {
    Installation install = sharedInstallation();
    install.request(version, version.equals(GOOD_VERSION) ? goodPackage : brokenPackage);

    ChildRun halted = install.updater("apply",
        Map.of("BRIDGEHEAD_UPDATER_HALT_AFTER", step));

    assertThat(halted.exitCode()).as(halted.output()).isEqualTo(137);
    assertThat(halted.output()).contains("Halting after step " + step);
    assertThat(install.updates().journal()).exists();

    ChildRun recover = install.updater("recover", Map.of());

    String expected = keepsNewVersion ? version : install.version();
    assertThat(recover.exitCode()).as(recover.output()).isZero();
    assertThat(install.currentTarget()).isEqualTo("versions/" + expected);
    JsonNode status = install.status();
    assertThat(status.path("version").asText()).isEqualTo(expected);
    assertThat(status.path("state").asText()).isEqualTo("running");
    assertThat(install.updates().journal()).doesNotExist();
    assertThat(install.updates().request()).doesNotExist();
    UpdateResult result = UpdateResult.read(install.updates()).orElseThrow();
    assertThat(result.runningVersion()).isEqualTo(expected);
    assertThat(result.outcome()).isEqualTo(keepsNewVersion ? UpdateResult.OK
        : UpdateResult.ROLLED_BACK);
  }

  @Test
  void plantedFilesAreNotTrusted() throws Exception {
    Installation install = sharedInstallation();
    String target = install.currentTarget();
    UpdateFolder updates = install.updates();

    Files.writeString(updates.journal(), "{\"version\": \"9.9.9\", \"fromVersion\": \""
        + install.version() + "\", \"fromTarget\": \"../../../../tmp/elsewhere\","
        + " \"steps\": [\"begun\"], \"startedAt\": \"2026-01-01T00:00:00Z\"}");
    ChildRun journal = install.updater("recover", Map.of());

    assertThat(journal.exitCode()).as(journal.output()).isZero();
    assertThat(journal.output()).contains("is not valid, so it is removed")
        .contains("is not versions/" + install.version());
    assertThat(updates.journal()).doesNotExist();
    assertThat(install.currentTarget()).isEqualTo(target);

    Path elsewhere = Files.writeString(shared.resolve("elsewhere.json"), "{}");
    Files.createSymbolicLink(updates.request(), elsewhere);
    ChildRun linkedRequest = install.updater("apply", Map.of());

    assertThat(linkedRequest.exitCode()).as(linkedRequest.output()).isEqualTo(1);
    assertThat(linkedRequest.output()).contains("is not a regular file");
    assertThat(Files.exists(updates.request(), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    assertThat(install.currentTarget()).isEqualTo(target);

    install.request(BROKEN_VERSION, brokenPackage);
    Path packageFile = updates.packageFile(BROKEN_VERSION);
    Files.delete(packageFile);
    Files.createSymbolicLink(packageFile, brokenPackage);
    ChildRun linkedPackage = install.updater("apply", Map.of());

    assertThat(linkedPackage.exitCode()).as(linkedPackage.output()).isEqualTo(1);
    assertThat(linkedPackage.output()).contains("is not a regular file");
    assertThat(install.currentTarget()).isEqualTo(target);
    assertThat(UpdateResult.read(updates).orElseThrow().outcome())
        .isEqualTo(UpdateResult.ROLLED_BACK);
  }

  private static Installation sharedInstallation() throws IOException, InterruptedException {
    if (haltRoot == null) {
      haltRoot = Installation.create(shared.resolve("halt"));
    }
    return haltRoot;
  }

  /** One installation into a folder, enrolled in a pool of its own, with its service running. */
  private record Installation(Path root, String version, String pool, String agentId) {
    private static final List<Path> roots = new ArrayList<>();

    static Installation create(Path root) throws IOException, InterruptedException {
      Files.createDirectories(root);
      roots.add(root);
      String pool = "update-" + System.nanoTime();
      String enrollment = admin.createPool(pool).enrollmentString();
      InstallProcess.Result install = InstallProcess.run(distribution, List.of("install",
          "--unattended", "--accept-license", "--root", root.toString(), "--enrollment-string",
          "-", "--release-key", publicKey.toString(), "--no-console-autostart", "--progress",
          "--log-file", root.resolveSibling(root.getFileName() + "-install.log").toString()),
          enrollment + "\n");
      assertThat(install.exitCode()).as(install.toString()).isZero();
      String marker = "result ok Installed Bridgehead ";
      String rest = install.out().substring(install.out().indexOf(marker) + marker.length());
      String version = rest.substring(0, rest.indexOf(' '));
      String agentId = AgentConfig.read(root.resolve("var/lib/bridgehead/automation"))
          .agentId();
      return new Installation(root, version, pool, agentId);
    }

    Path data() {
      return root.resolve("var/lib/bridgehead");
    }

    Path installDir() {
      return root.resolve("opt/bridgehead");
    }

    UpdateFolder updates() {
      return UpdateFolder.of(data());
    }

    String currentTarget() throws IOException {
      return Files.readSymbolicLink(installDir().resolve("current")).toString();
    }

    /** Puts the package where a service downloads it and writes the request, as it does. */
    void request(String newVersion, Path archive) throws IOException {
      Path packages = Files.createDirectories(updates().packages());
      Files.copy(archive, packages.resolve(newVersion + ".zip"),
          StandardCopyOption.REPLACE_EXISTING);
      new UpdateRequest(newVersion, version, "automation", Instant.now()).write(updates());
    }

    /**
     * Runs {@code bridgehead update COMMAND} with the program of the installed version, as its
     * service starts the updater. {@code current} may point at a version that cannot run.
     */
    ChildRun updater(String command, Map<String, String> environment)
        throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(
          installDir().resolve("versions").resolve(version).resolve("bin/bridgehead")
              .toString(), "update", command,
          "--data-dir", data().toString(), "--health-timeout", "30s")
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Map<String, String> variables = new HashMap<>(environment);
      builder.environment().putAll(variables);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("update " + command + " did not end: " + output);
      }
      return new ChildRun(process.exitValue(), output);
    }

    /**
     * Waits until the service reports {@code expected}, through every restart of an update
     * or a rollback, or fails the test after ROLLOUT_WAIT.
     */
    void awaitVersion(String expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + ROLLOUT_WAIT.toNanos();
      String seen = "no answer";
      while (System.nanoTime() < deadline) {
        CommandRun run = CommandRun.of("status", "--json", "--ipc-dir",
            root.resolve("run/bridgehead").toString());
        if (run.exitCode() == 0) {
          JsonNode status = Json.mapper().readTree(run.out());
          seen = status.path("version").asText() + " " + status.path("state").asText();
          if (status.path("version").asText().equals(expected)
              && status.path("state").asText().equals("running")) {
            return;
          }
        }
        Thread.sleep(1000);
      }
      throw new AssertionError("the service did not report version " + expected + " within "
          + ROLLOUT_WAIT.toSeconds() + " s; last seen: " + seen + "; updater log: "
          + readIfExists(updates().log()));
    }

    /** Waits until the tenant shows a report of the update to {@code version}. */
    UpdateOutcomeView awaitReport(String version) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + ROLLOUT_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        AgentView agent = admin.agents().stream()
            .filter(view -> view.id().equals(agentId)).findFirst().orElseThrow();
        if (agent.lastUpdate() != null && agent.lastUpdate().version().equals(version)) {
          return agent.lastUpdate();
        }
        Thread.sleep(1000);
      }
      throw new AssertionError("the tenant has no report of the update to " + version
          + " within " + ROLLOUT_WAIT.toSeconds() + " s; updater log: "
          + readIfExists(updates().log()));
    }

    private static String readIfExists(Path file) throws IOException {
      return Files.exists(file) ? Files.readString(file) : "(none)";
    }

    JsonNode status() throws IOException {
      CommandRun run = CommandRun.of("status", "--json", "--ipc-dir",
          root.resolve("run/bridgehead").toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      return Json.mapper().readTree(run.out());
    }

    /** Checks what the install set up for updates: folder, key, service option and units. */
    void checkUpdateSetup() throws IOException, InterruptedException {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
          updates().dir()))).isEqualTo("rwxr-x---");
      assertThat(data().resolve("release-key.pub.pem")).hasSameTextualContentAs(publicKey);
      Path units = root.resolve("etc/systemd/system");
      assertThat(Files.readString(units.resolve("bridgehead-automation.service")))
          .contains("--updates-dir " + updates().dir());
      List<String> path = Files.readAllLines(units.resolve("bridgehead-updater.path"));
      assertThat(path).contains("PathExists=" + updates().request(),
          "Unit=bridgehead-updater.service");
      List<String> service = Files.readAllLines(units.resolve("bridgehead-updater.service"));
      assertThat(service).contains("Type=oneshot", "User=root", "ExecStart="
          + installDir().resolve("current/bin/bridgehead") + " update apply --data-dir "
          + data());
      if (!Files.isExecutable(SYSTEMD_ANALYZE)) {
        return;
      }
      Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify",
          units.resolve("bridgehead-updater.service").toString(),
          units.resolve("bridgehead-updater.path").toString())
          .redirectErrorStream(true).start();
      String output = new String(verify.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(verify.exitValue()).as(output).isZero();
      assertThat(output).isEmpty();
    }
  }

  private record ChildRun(int exitCode, String output) {}
}

package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateResult;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import io.bridgehead.wire.release.PackageBuilder;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridgehead repair --root} as a child process run from a distribution folder, against
 * a real tenant on loopback. One folder install serves every test: each test damages it in
 * its own way, repairs it and leaves it healthy for the next, in the order given, so that
 * each source of program files is used once.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "installs Linux services into a folder")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepairCommandTest {
  private static final String SERVICE = "bridgehead-automation";

  @TempDir
  static Path shared;

  private static Path distribution;
  private static TenantServer tenant;
  private static AdminClient admin;
  private static KeyPair releaseKey;
  private static String pool;
  private static Path root;
  private static Path data;
  private static Path runDir;
  private static String version;

  @BeforeAll
  static void installAgainstTenant() throws Exception {
    distribution = TestDistribution.build(Files.createDirectories(shared.resolve("dist")));
    releaseKey = ReleaseKeys.generate();
    tenant = TenantServer.start(TenantSettings.defaults(shared.resolve("tenant")).withPort(0)
        .withUpdates(UpdateSettings.defaults().withReleaseKey(releaseKey.getPublic())));
    admin = AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
    pool = "repair-" + System.nanoTime();
    String enrollment = admin.createPool(pool).enrollmentString();
    root = Files.createDirectories(shared.resolve("root"));
    InstallProcess.Result install = InstallProcess.run(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", root.toString(), "--enrollment-string",
        "-", "--no-console-autostart"), enrollment + "\n");
    assertThat(install.exitCode()).as(install.toString()).isZero();

    data = root.resolve("var/lib/bridgehead");
    runDir = root.resolve("run/bridgehead");
    version = Files.readSymbolicLink(root.resolve("opt/bridgehead/current")).getFileName()
        .toString();
    // The install has no option for the release key yet, so the test puts the key where the
    // agent and repair look for it.
    ReleaseKeys.write(releaseKey, shared.resolve("release.key"),
        data.resolve("release-key.pub.pem"));
  }

  @AfterAll
  static void stopServiceAndTenant() throws IOException {
    killService();
    if (tenant != null) {
      tenant.close();
    }
  }

  @Test
  @Order(1)
  void deletedProgramFilesComeFromRunningProgram() throws Exception {
    Path automation = data.resolve("automation");
    AgentConfig config = AgentConfig.read(automation);
    String credential = Files.readString(automation.resolve("credential"));
    String agentId = status().path("agentId").asText();
    Path versionDir = root.resolve("opt/bridgehead/versions/" + version);
    deleteTree(versionDir.resolve("lib"));
    deleteTree(versionDir.resolve("bin"));
    killService();

    InstallProcess.Result repair = repair();

    assertThat(repair.exitCode()).as(repair.toString()).isZero();
    assertThat(repair.out())
        .contains("plan 1 7 Stop and unregister the services")
        .contains("step 2 7 Choose the program files to restore")
        .contains("step 3 7 Restore the version folder in")
        .contains("step 4 7 Write the systemd unit files to")
        .contains("step 5 7 Register the services")
        .contains("step 6 7 Start the services and wait until they are healthy")
        .contains("done 7 7")
        .contains("result ok Repaired Bridgehead")
        .contains("is missing or not executable")
        .contains("Repair uses the program files of version " + version);
    assertThat(Files.isExecutable(versionDir.resolve("bin/bridgehead"))).isTrue();
    assertThat(versionDir.resolve(ReleasePackage.MANIFEST)).exists();
    assertThat(status().path("agentId").asText()).isEqualTo(agentId);
    assertThat(admin.agents().stream().filter(agent -> agent.id().equals(agentId))
        .map(AgentView::pool).toList()).containsExactly(pool);
    assertThat(AgentConfig.read(automation)).isEqualTo(config);
    assertThat(Files.readString(automation.resolve("credential"))).isEqualTo(credential);
    assertThat(runJob("echo repaired").state()).isEqualTo("succeeded");
    UpdateResult result = UpdateResult.read(UpdateFolder.of(data)).orElseThrow();
    assertThat(result.kind()).isEqualTo(UpdateResult.REPAIR);
    assertThat(result.outcome()).isEqualTo(UpdateResult.OK);
    assertThat(result.runningVersion()).isEqualTo(version);
    assertThat(result.steps()).contains("Register the services: done");
  }

  @Test
  @Order(2)
  void missingRegistrationIsRegisteredAgain() throws Exception {
    long before = pid();
    Path registration = runDir.resolve("automation.service.json");
    Path unit = root.resolve("etc/systemd/system/" + SERVICE + ".service");
    String unitText = Files.readString(unit);
    Files.delete(registration);
    Files.delete(unit);
    // What an update killed part way leaves behind.
    UpdateFolder updates = UpdateFolder.of(data);
    Files.writeString(updates.journal(), "{}");
    Files.writeString(updates.request(), "{}");

    // The service's repair.request starts repair with --data-dir alone, as here.
    InstallProcess.Result repair = InstallProcess.run(distribution, List.of("repair",
        "--data-dir", data.toString(), "--progress"), "");

    assertThat(repair.exitCode()).as(repair.toString()).isZero();
    assertThat(repair.out()).contains("every file of").contains("Registered the " + SERVICE)
        .contains("Repair uses the version folder of " + version);
    assertThat(registration).exists();
    assertThat(Files.readString(unit)).isEqualTo(unitText);
    assertThat(updates.journal()).doesNotExist();
    assertThat(updates.request()).doesNotExist();
    assertThat(pid()).isNotEqualTo(before);
    assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
    assertThat(status().path("state").asText()).isEqualTo("running");
  }

  @Test
  @Order(3)
  void changedJarComesFromVerifiedPackage() throws Exception {
    Path versionDir = root.resolve("opt/bridgehead/versions/" + version);
    BuiltPackage built = buildPackage(versionDir);
    Path packages = Files.createDirectories(UpdateFolder.of(data).packages());
    Files.copy(built.file(), packages.resolve(version + ".zip"));
    // A newer package is not tried, because the recorded version's package comes first.
    Files.writeString(packages.resolve("9.9.9.zip"), "not a zip archive");
    Path jar = firstJar(versionDir.resolve("lib"));
    Files.writeString(jar, "damage", StandardOpenOption.APPEND);

    InstallProcess.Result repair = repair();

    assertThat(repair.exitCode()).as(repair.toString()).isZero();
    assertThat(repair.out()).contains("the file " + jar + " differs from the manifest")
        .doesNotContain("9.9.9.zip")
        .contains("Repair uses the verified release package "
            + packages.resolve(version + ".zip"));
    assertThat(versionDir.resolve(ReleasePackage.SIGNATURE)).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(versionDir)))
        .isEqualTo("rwxr-xr-x");
    assertThat(Files.mismatch(jar, built.folder().resolve("lib").resolve(jar.getFileName())))
        .isEqualTo(-1);
    assertThat(status().path("state").asText()).isEqualTo("running");
    assertThat(runJob("echo from the package").state()).isEqualTo("succeeded");
  }

  @Test
  @Order(4)
  void emptyPackagesFolderDownloadsFromTenant() throws Exception {
    Path versionDir = root.resolve("opt/bridgehead/versions/" + version);
    admin.publishRelease(buildPackage(versionDir).file());
    admin.setTargetVersion(pool, version);
    Path packages = UpdateFolder.of(data).packages();
    Path unreadable = packages.resolve(version + ".zip");
    Files.writeString(unreadable, "not a zip archive");
    Files.delete(firstJar(versionDir.resolve("lib")));

    InstallProcess.Result repair = repair();

    assertThat(repair.exitCode()).as(repair.toString()).isZero();
    assertThat(repair.out()).contains("Skipped " + unreadable)
        .contains("Downloaded and verified the package of version " + version);
    assertThat(Files.size(unreadable)).isGreaterThan(1000);
    assertThat(status().path("state").asText()).isEqualTo("running");
  }

  @Test
  @Order(5)
  void folderInPlaceOfCurrentFailsThenRepairs() throws Exception {
    Path current = root.resolve("opt/bridgehead/current");
    Files.delete(current);
    Files.createDirectories(current);

    InstallProcess.Result failed = repair();

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.out()).contains("failed 3 7").contains("is not a symbolic link")
        .contains("result failed step 3 of 7").contains("the steps before it stay done")
        .doesNotContain("undo ");
    UpdateResult result = UpdateResult.read(UpdateFolder.of(data)).orElseThrow();
    assertThat(result.outcome()).isEqualTo(UpdateResult.FAILED);
    assertThat(result.reason()).contains("is not a symbolic link");
    assertThat(runDir.resolve("automation.service.json")).doesNotExist();

    Files.delete(current);
    InstallProcess.Result repaired = repair();

    assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
    assertThat(repaired.out()).contains("Pointed " + current + " at");
    assertThat(Files.readSymbolicLink(current).toString()).isEqualTo("versions/" + version);
    assertThat(status().path("state").asText()).isEqualTo("running");
  }

  @Test
  @Order(6)
  void missingRecordOrBadOptionFails() throws Exception {
    Path empty = Files.createDirectories(shared.resolve("empty-root"));
    Path keptRoot = shared.resolve("kept-root");
    Path keptFolder = Files.createDirectories(keptRoot.resolve("var/lib/bridgehead"));
    // What 'uninstall --keep-data' leaves: a record without services.
    new InstallRecord(version, Instant.now(), keptRoot.toString(),
        keptRoot.resolve("opt/bridgehead").toString(), keptFolder.toString(), "folder",
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null)
        .write(keptFolder.resolve("install.json"));

    InstallProcess.Result noRecord = InstallProcess.run(distribution, List.of("repair",
        "--root", empty.toString()), "");
    InstallProcess.Result badTimeout = InstallProcess.run(distribution, List.of("repair",
        "--root", root.toString(), "--health-timeout", "soon"), "");
    InstallProcess.Result shortTimeout = InstallProcess.run(distribution, List.of("repair",
        "--root", root.toString(), "--health-timeout", "500ms"), "");
    InstallProcess.Result keptData = InstallProcess.run(distribution, List.of("repair",
        "--root", keptRoot.toString()), "");
    InstallProcess.Result relativeData = InstallProcess.run(distribution, List.of("repair",
        "--data-dir", "var/lib/bridgehead"), "");

    assertThat(noRecord.exitCode()).as(noRecord.toString()).isEqualTo(1);
    assertThat(noRecord.err()).contains("no installation found")
        .contains(empty.resolve("var/lib/bridgehead/install.json").toString())
        .contains("install Bridgehead first");
    assertThat(badTimeout.exitCode()).as(badTimeout.toString()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("--health-timeout").contains("'soon'");
    assertThat(shortTimeout.exitCode()).as(shortTimeout.toString()).isEqualTo(2);
    assertThat(shortTimeout.err()).contains("--health-timeout 500ms is out of range")
        .contains("use 1s to 1h");
    assertThat(keptData.exitCode()).as(keptData.toString()).isEqualTo(1);
    assertThat(keptData.err()).contains("lists no services").contains("install it again");
    assertThat(relativeData.exitCode()).as(relativeData.toString()).isEqualTo(2);
    assertThat(relativeData.err()).contains("--data-dir var/lib/bridgehead is not an absolute");
  }

  @Test
  @Order(7)
  void systemInstallNeedsRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "runs only as root, which can start a child process as user nobody");
    Path setpriv = Path.of("/usr/bin/setpriv");
    assumeTrue(Files.isExecutable(setpriv), "needs /usr/bin/setpriv to switch users");
    // User nobody must read the distribution, which lies in the test's own folder.
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path systemData = Files.createDirectories(shared.resolve("system-data"));
    new InstallRecord(version, Instant.now(), null, "/opt/bridgehead", systemData.toString(),
        "systemd", List.of(SERVICE), List.of(), List.of(), List.of(), List.of(), List.of(),
        null).write(systemData.resolve("install.json"));

    InstallProcess.Result repair = InstallProcess.run(List.of(setpriv.toString(),
        "--reuid=65534", "--regid=65534", "--clear-groups"), distribution,
        List.of("repair", "--data-dir", systemData.toString()), "");

    assertThat(repair.exitCode()).as(repair.toString()).isEqualTo(8);
    assertThat(repair.err()).contains("needs root").contains("run it as root");
  }

  @Test
  @Order(8)
  void helpDescribesRepair() {
    CommandRun help = CommandRun.of("repair", "--help");
    CommandRun overview = CommandRun.of("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: bridgehead repair").contains("--health-timeout")
        .contains("8 not allowed");
    assertThat(overview.out()).contains("repair ...");
  }

  private static InstallProcess.Result repair() throws IOException, InterruptedException {
    return InstallProcess.run(distribution, List.of("repair", "--root", root.toString(),
        "--progress"), "");
  }

  /** Builds a package of the version folder's files, without its own manifest. */
  private static BuiltPackage buildPackage(Path versionDir) throws IOException {
    Path copy = shared.resolve("package-" + System.nanoTime());
    try (Stream<Path> files = Files.walk(versionDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.equals(ReleasePackage.MANIFEST) || name.equals(ReleasePackage.SIGNATURE)) {
          continue;
        }
        Path target = copy.resolve(versionDir.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        target.toFile().setExecutable(Files.isExecutable(file));
      }
    }
    Path packageFile = shared.resolve(copy.getFileName() + ".zip");
    PackageBuilder.build(copy, version, releaseKey.getPrivate(), packageFile);
    return new BuiltPackage(packageFile, copy);
  }

  private static Path firstJar(Path lib) throws IOException {
    try (Stream<Path> files = Files.list(lib)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
          .findFirst().orElseThrow();
    }
  }

  private static JobView runJob(String script) throws IOException {
    JobView job = admin.submit(new SubmitTaskRequest(pool, new TaskSpec(ScriptShell.SH,
        script, Map.of(), Set.of(), 60, 1024 * 1024), null));
    while (!job.finished()) {
      job = admin.job(job.id(), Duration.ofSeconds(30));
    }
    return job;
  }

  private static JsonNode status() throws IOException {
    CommandRun run = CommandRun.of("status", "--json", "--ipc-dir", runDir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Json.mapper().readTree(run.out());
  }

  private static long pid() throws IOException {
    return Long.parseLong(Files.readString(runDir.resolve("automation.pid")).trim());
  }

  private static void killService() throws IOException {
    Path pidFile = runDir == null ? null : runDir.resolve("automation.pid");
    if (pidFile == null || !Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid());
    if (process.isPresent()) {
      process.get().destroyForcibly();
      process.get().onExit().join();
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** A package built by the test and the folder of the files it contains. */
  private record BuiltPackage(Path file, Path folder) {}
}

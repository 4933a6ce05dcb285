package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridgehead install --unattended --root} and {@code uninstall} as child processes run
 * from a distribution folder, against a real tenant on loopback over HTTPS. The installed
 * automation service runs as a detached child process and serves {@code bridgehead status}
 * over its control socket in the root folder.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "installs Linux services into a folder")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class UnattendedInstallTest {
  private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

  @TempDir
  static Path shared;

  private static Path distribution;
  private static TenantServer tenant;
  private static AdminClient admin;

  @TempDir
  Path folder;

  private Path root;
  private Path logFile;

  @BeforeAll
  static void buildDistributionAndStartTenant() throws IOException {
    distribution = TestDistribution.build(Files.createDirectories(shared.resolve("dist")));
    tenant = TenantServer.start(TenantSettings.defaults(shared.resolve("tenant")).withPort(0));
    admin = AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }

  @AfterAll
  static void stopTenant() {
    tenant.close();
  }

  @BeforeEach
  void makeRoot() throws IOException {
    root = Files.createDirectories(folder.resolve("root"));
    // The administrator's own file, which uninstall must leave alone.
    Files.writeString(root.resolve("notes.txt"), "not Bridgehead's");
    logFile = folder.resolve("install.log");
  }

  @AfterEach
  void killLeftoverService() throws IOException {
    Path pid = root.resolve("run/bridgehead/automation.pid");
    if (Files.exists(pid)) {
      long number = Long.parseLong(Files.readString(pid).trim());
      ProcessHandle.of(number).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void installReinstallUninstall() throws Exception {
    String enrollment = admin.createPool("install-" + System.nanoTime()).enrollmentString();

    InstallProcess.Result install = InstallProcess.run(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", root.toString(), "--enrollment-string",
        "-", "--tag", "linux", "--progress", "--log-file", logFile.toString()),
        enrollment + "\n");

    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.out()).contains("plan 1 8 Check prerequisites")
        .contains("step 4 8 Enroll with the tenant at " + tenant.url())
        .contains("done 8 8").contains("result ok Installed Bridgehead")
        .contains("do not make an image of this machine");
    assertThat(Files.readString(logFile)).contains("result ok");

    Path data = root.resolve("var/lib/bridgehead/automation");
    AgentConfig config = AgentConfig.read(data);
    assertThat(mode(data.resolve("credential"))).isEqualTo("rw-------");
    assertThat(mode(data)).isEqualTo("rwxr-x---");
    assertThat(mode(root.resolve("var/log/bridgehead"))).isEqualTo("rwxr-x---");
    Optional<AgentView> agent = admin.agents().stream()
        .filter(view -> view.id().equals(config.agentId())).findFirst();
    assertThat(agent).isPresent();
    assertThat(agent.get().tags()).containsExactly("linux");
    assertThat(Files.readSymbolicLink(root.resolve("opt/bridgehead/current")).toString())
        .isEqualTo("versions/" + versionOf(install));
    assertThat(Files.isExecutable(root.resolve("opt/bridgehead/current/bin/bridgehead")))
        .isTrue();
    assertThat(root.resolve("etc/xdg/autostart/bridgehead-console.desktop")).exists();

    Path unit = root.resolve("etc/systemd/system/bridgehead-automation.service");
    checkUnit(unit, data);

    JsonNode status = status();
    assertThat(status.path("agentId").asText()).isEqualTo(config.agentId());
    long firstPid = pid();

    String credential = Files.readString(data.resolve("credential"));
    InstallProcess.Result reinstall = InstallProcess.run(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", root.toString(), "--log-file",
        logFile.toString()), "");

    assertThat(reinstall.exitCode()).as(reinstall.toString()).isZero();
    assertThat(reinstall.out()).contains("enrolled already as agent " + config.agentId())
        .contains("Stopped the bridgehead-automation service");
    assertThat(AgentConfig.read(data)).isEqualTo(config);
    assertThat(Files.readString(data.resolve("credential"))).isEqualTo(credential);
    assertThat(status().path("agentId").asText()).isEqualTo(config.agentId());
    long secondPid = pid();
    assertThat(secondPid).isNotEqualTo(firstPid);
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(
        Optional.of(true));

    InstallProcess.Result uninstall = InstallProcess.run(distribution, List.of("uninstall",
        "--root", root.toString(), "--progress"), "");

    assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
    assertThat(uninstall.out()).contains("result ok Removed Bridgehead")
        .contains("Agent " + config.agentId() + " stays registered");
    assertThat(tree(root)).containsExactly("notes.txt");
    assertThat(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive)).isNotEqualTo(
        Optional.of(true));
  }

  private static String versionOf(InstallProcess.Result install) {
    String marker = "result ok Installed Bridgehead ";
    String rest = install.out().substring(install.out().indexOf(marker) + marker.length());
    return rest.substring(0, rest.indexOf(' '));
  }

  private void checkUnit(Path unit, Path data) throws IOException, InterruptedException {
    List<String> lines = Files.readAllLines(unit).stream()
        .filter(line -> !line.startsWith("#")).toList();
    String execStart = "ExecStart=" + root.resolve("opt/bridgehead/current/bin/bridgehead")
        + " agent run --role automation --data " + data + " --log-dir "
        + root.resolve("var/log/bridgehead") + " --ipc-dir " + root.resolve("run/bridgehead")
        + " --updates-dir " + root.resolve("var/lib/bridgehead/updates")
        + " --service-host systemd";
    assertThat(lines).contains("Type=notify", "User=bridgehead", "Restart=on-failure",
        "RestartSec=5s", "SuccessExitStatus=75 143", "RestartPreventExitStatus=5",
        "TimeoutStopSec=90s", "RuntimeDirectory=bridgehead",
        "RuntimeDirectoryPreserve=yes", "WorkingDirectory=" + data, execStart,
        "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectSystem=full",
        "ProtectControlGroups=yes", "ProtectKernelModules=yes", "ProtectKernelTunables=yes",
        "RestrictSUIDSGID=yes", "LockPersonality=yes", "WantedBy=multi-user.target");
    assertThat(lines).noneMatch(line -> line.startsWith("ProtectHome="));
    assertThat(Files.readString(unit)).contains("ProtectHome is not set");
    if (!Files.isExecutable(SYSTEMD_ANALYZE)) {
      return;
    }
    Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", unit.toString())
        .redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(output).isZero();
    assertThat(output).isEmpty();
  }

  @Test
  void badInputsLeaveRootAsItWas() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Set<String> before = tree(root);
    List<String> common = List.of("install", "--unattended", "--accept-license", "--root",
        root.toString(), "--log-file", logFile.toString());

    List<Case> cases = List.of(
        new Case("bad enrollment string", List.of("--enrollment-string", "-"),
            "bh1.not-an-enrollment-string\n", 2, "enrollment string"),
        new Case("wrong key", List.of("--tenant", tenant.url(), "--fingerprint",
            tenant.fingerprint().hex(), "--enrollment-key", "-"),
            "bhk_wrongwrongwrongwrongwrongwrongwrongwrongw\n", 3, "rejected"),
        new Case("unreachable tenant", List.of("--tenant", "https://127.0.0.1:" + closedPort,
            "--enrollment-key", "-"), "bhk_any\n", 4, "cannot reach the tenant"),
        new Case("untrusted tenant", List.of("--tenant", tenant.url(), "--enrollment-key",
            "-"), "bhk_any\n", 4, "trusted TLS"),
        new Case("unknown module", List.of("--enrollment-string", "-", "--module", "sales"),
            "x\n", 2,
            "unknown module 'sales'"),
        new Case("module of a later version", List.of("--enrollment-string", "-",
            "--module", "access"), "x\n", 2, "not available in this version"),
        new Case("key on the command line", List.of("--tenant", tenant.url(),
            "--enrollment-key", "bhk_secret"), "", 2, "takes only '-'"),
        new Case("missing license", List.of(), "", 2, "--accept-license"));

    for (Case bad : cases) {
      List<String> arguments = new ArrayList<>(common);
      arguments.addAll(bad.arguments());
      if (bad.name().equals("missing license")) {
        arguments.remove("--accept-license");
      }
      InstallProcess.Result result = InstallProcess.run(distribution, arguments, bad.input());

      assertThat(result.exitCode()).as(bad.name() + ": " + result).isEqualTo(bad.exitCode());
      assertThat(result.out() + result.err()).as(bad.name()).contains(bad.message());
      assertThat(tree(root)).as(bad.name() + ": root after the failed install")
          .isEqualTo(before);
    }
  }

  @Test
  void lateFailureUndoesRunningService() throws Exception {
    String enrollment = admin.createPool("late-" + System.nanoTime()).enrollmentString();
    // A file where the autostart folder belongs makes the step after the services fail.
    Files.createDirectories(root.resolve("etc/xdg"));
    Files.writeString(root.resolve("etc/xdg/autostart"), "in the way");
    Set<String> before = tree(root);

    InstallProcess.Result result = InstallProcess.run(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", root.toString(), "--enrollment-string",
        "-", "--progress", "--log-file", logFile.toString()), enrollment + "\n");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).contains("done 6 8").contains("failed 7 8")
        .contains("undo 6 8 Register and start the services").contains("undone 6 8")
        .contains("undone 1 8").contains("result failed step 7 of 8")
        .contains("stays registered in pool");
    assertThat(tree(root)).isEqualTo(before);
    assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
        .orElse("").contains(root.toString())).toList()).isEmpty();
  }

  @Test
  void cancelLineUndoesInstall() throws Exception {
    String enrollment = admin.createPool("cancel-" + System.nanoTime()).enrollmentString();
    Set<String> before = tree(root);
    List<String> lines = new ArrayList<>();
    InstallProcess[] holder = new InstallProcess[1];
    InstallProcess process = InstallProcess.start(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", root.toString(), "--enrollment-string",
        "-", "--progress", "--log-file", logFile.toString()), line -> {
          synchronized (lines) {
            lines.add(line);
          }
          if (line.startsWith("done 2 ")) {
            try {
              holder[0].write("cancel\n");
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }
        });
    holder[0] = process;
    process.write(enrollment + "\n");

    InstallProcess.Result result = process.await();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(9);
    // The steps are quick, so the cancel may land before step 3 or a later one.
    assertThat(result.out()).contains("undo 2 8").contains("undone 1 8")
        .containsPattern("result cancelled cancelled before step [3-8] of 8");
    assertThat(result.out()).doesNotContain("done 8 8");
    assertThat(tree(root)).isEqualTo(before);
    assertThat(Files.readString(logFile)).contains("result cancelled");
  }

  private JsonNode status() throws IOException {
    CommandRun run = CommandRun.of("status", "--json", "--ipc-dir",
        root.resolve("run/bridgehead").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Json.mapper().readTree(run.out());
  }

  private long pid() throws IOException {
    return Long.parseLong(Files.readString(root.resolve("run/bridgehead/automation.pid"))
        .trim());
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** Returns every path under {@code folder}, relative and sorted. */
  private static Set<String> tree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(path -> !path.equals(folder))
          .map(path -> folder.relativize(path).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private record Case(String name, List<String> arguments, String input, int exitCode,
      String message) {}
}

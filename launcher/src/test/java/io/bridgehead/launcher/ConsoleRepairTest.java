package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.console.Console;
import io.bridgehead.console.ConsoleOptions;
import io.bridgehead.console.model.RepairProgress;
import io.bridgehead.console.notify.Notifier;
import io.bridgehead.console.system.UnavailableServices;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Repair from the console's Updates page, headless through Monocle: the console runs the real
 * {@code bridgehead repair} as a child process against an installation into a folder whose
 * service was stopped and unregistered, and shows each step as the repair prints it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "installs Linux services into a folder")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConsoleRepairTest {
  /** Long enough for a service to stop and start, and for the repair's health wait. */
  private static final Duration WAIT = Duration.ofSeconds(150);

  @TempDir
  Path folder;

  private final FxRobot robot = new FxRobot();
  private TenantServer tenant;
  private Console console;
  private Path root;

  @AfterEach
  void closeAll() throws Exception {
    if (console != null) {
      Console opened = console;
      WaitForAsyncUtils.asyncFx(opened::exit).get(10, TimeUnit.SECONDS);
    }
    FxToolkit.cleanupStages();
    if (root != null) {
      Path pid = root.resolve("run/bridgehead/automation.pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    if (tenant != null) {
      tenant.close();
    }
  }

  @Test
  void repairShowsEachStep() throws Exception {
    Path distribution = TestDistribution.build(Files.createDirectories(folder.resolve("dist")));
    tenant = TenantServer.start(TenantSettings.defaults(folder.resolve("tenant")).withPort(0));
    AdminClient admin = AdminClient.connect(tenant.url(), tenant.fingerprint(),
        tenant.adminToken());
    String enrollment = admin.createPool("repair").enrollmentString();
    root = Files.createDirectories(folder.resolve("root"));
    InstallProcess.Result install = InstallProcess.run(distribution, List.of("install",
        "--unattended", "--accept-license", "--root", root.toString(), "--enrollment-string",
        "-", "--no-console-autostart"), enrollment + "\n");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    Path data = root.resolve("var/lib/bridgehead");
    String agentId = AgentConfig.read(data.resolve("automation")).agentId();
    open(root.resolve("run/bridgehead"), data);
    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));

    // The service stops (SIGTERM) and its registration is lost.
    Path pid = root.resolve("run/bridgehead/automation.pid");
    ProcessHandle service = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
        .orElseThrow();
    service.destroy();
    service.onExit().get(60, TimeUnit.SECONDS);
    Files.delete(root.resolve("run/bridgehead/automation.service.json"));
    await("the automation card shows offline", () -> text("#state-automation")
        .equals("offline"));
    fx(() -> {
      console.window().showPage("Updates");
      return null;
    });
    await("the repair button is enabled", () -> !fx(() -> robot.lookup("#repair")
        .queryButton().isDisabled()));

    robot.clickOn("#repair");

    await("the repair ends", () -> !text("#repair-answer").isEmpty());
    List<RepairProgress.Step> steps = steps();
    assertThat(text("#repair-answer")).as(String.valueOf(steps)).doesNotContain("failed");
    assertThat(steps).isNotEmpty();
    assertThat(steps).allMatch(step -> step.status() == RepairProgress.Status.DONE);
    assertThat(steps).extracting(RepairProgress.Step::description)
        .anyMatch(description -> description.startsWith("Register"));
    await("the automation card shows running again", () -> text("#state-automation")
        .equals("running"));
    assertThat(AgentConfig.read(data.resolve("automation")).agentId()).isEqualTo(agentId);
    // The notice follows the child's exit, which may come after its last line.
    await("the repair's end is notified", () -> fx(() -> console.notifier().shown().stream()
        .map(Notifier.Shown::title).toList()).contains("Repair of the Bridgehead services"));
  }

  private void open(Path ipcDir, Path dataDir) throws Exception {
    FxToolkit.registerPrimaryStage();
    Stage stage = FxToolkit.registerStage(Stage::new);
    ConsoleOptions options = new ConsoleOptions(ipcDir, folder.resolve("console"), dataDir,
        "", false);
    console = fx(() -> {
      Console created = new Console(options, stage, new UnavailableServices(
          "no service manager in tests"), () -> { });
      created.start();
      return created;
    });
  }

  @SuppressWarnings("unchecked")
  private List<RepairProgress.Step> steps() throws Exception {
    return fx(() -> List.copyOf(((ListView<RepairProgress.Step>) robot.lookup("#repair-steps")
        .query()).getItems()));
  }

  private String text(String query) throws Exception {
    return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
  }

  private static <T> T fx(Callable<T> action) throws Exception {
    return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
  }

  private static void await(String description, Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting until " + description);
      }
      Thread.sleep(100);
    }
  }
}

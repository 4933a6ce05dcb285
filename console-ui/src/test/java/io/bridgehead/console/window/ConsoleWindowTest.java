package io.bridgehead.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.console.Console;
import io.bridgehead.console.ConsoleOptions;
import io.bridgehead.console.model.JobEntry;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.system.UnavailableServices;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.control.ControlEndpoint;
import io.bridgehead.agent.proxy.ProxyMode;
import io.bridgehead.console.view.Gate;
import io.bridgehead.console.view.LogLevel;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.wire.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console window, headless through Monocle, against a real tenant and a real automation
 * agent on loopback whose control socket is in a test folder.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "uses Unix sockets and sh tasks")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleWindowTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path folder;

  private final FxRobot robot = new FxRobot();
  private LoopbackAgent loopback;
  private Console console;

  @AfterEach
  void closeAll() throws Exception {
    if (console != null) {
      Console opened = console;
      WaitForAsyncUtils.asyncFx(opened::exit).get(10, TimeUnit.SECONDS);
    }
    FxToolkit.cleanupStages();
    if (loopback != null) {
      loopback.close();
    }
  }

  @Test
  void dashboardShowsLiveStatus() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);

    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));
    await("the card shows the pool", () -> cardText().contains("servers"));
    assertThat(fx(() -> console.model().installed().stream().map(ServiceModel::role)
        .toList())).containsExactly("automation");

    loopback.submit("echo counted");
    await("the card counts the job", () -> cardText().contains("1 done today"));
    assertThat(text("#connection-automation")).contains("administrator");
  }

  @Test
  void stoppedServiceTurnsCardOffline() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);
    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));

    loopback.stopAgent();

    await("the automation card shows offline", () -> text("#state-automation")
        .equals("offline"));
    assertThat(fx(() -> robot.lookup("#restart-automation").queryButton().isDisabled()))
        .isTrue();
    assertThat(fx(() -> console.notifier().shown().stream().map(shown -> shown.title())
        .toList())).contains("The automation service stopped");
  }

  @Test
  void restartedServiceReconnects() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);
    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));
    loopback.stopAgent();
    await("the automation card shows offline", () -> text("#state-automation")
        .equals("offline"));

    loopback.startAgent();

    await("the automation card shows running again", () -> text("#state-automation")
        .equals("running"));
    assertThat(fx(() -> robot.lookup("#restart-automation").queryButton().isDisabled()))
        .isFalse();
  }

  @Test
  void runningJobAppearsInJobs() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);
    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));
    fx(() -> {
      console.window().showPage("Jobs");
      return null;
    });

    JobView job = loopback.submit("sleep 1; echo done");

    await("the job is listed", () -> jobIds().contains(job.id()));
    await("the job succeeded", () -> jobs().stream().anyMatch(entry ->
        entry.id().equals(job.id()) && entry.state().equals("succeeded")));
  }

  @Test
  void repairNeedsInstallationRecord() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);
    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));
    fx(() -> {
      console.window().showPage("Updates");
      return null;
    });
    Path record = loopback.agentData.toAbsolutePath().getParent().resolve("install.json");

    await("the repair button names the missing record", () -> {
      Tooltip tooltip = fx(() -> Gate.tooltipOf(gateOf(robot.lookup("#repair")
          .queryButton())));
      return tooltip != null && tooltip.getText().contains(record.toString());
    });
    assertThat(fx(() -> robot.lookup("#repair").queryButton().isDisabled())).isTrue();
  }

  @Test
  void readerSeesChangesDisabled() throws Exception {
    loopback = new LoopbackAgent(folder);
    Path readerDir = folder.resolve("reader-run");
    loopback.startReaderEndpoint(readerDir);
    open(readerDir);

    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));
    await("the card says read only", () -> text("#connection-automation")
        .contains("read only"));

    for (String id : List.of("#restart-automation", "#apply-pollWait",
        "#apply-maxConcurrentJobs")) {
      Button button = robot.lookup(id).queryButton();
      assertThat(fx(button::isDisabled)).as(id + " disabled").isTrue();
      Tooltip tooltip = fx(() -> Gate.tooltipOf(gateOf(button)));
      assertThat(tooltip).as(id + " tooltip").isNotNull();
      assertThat(tooltip.getText()).as(id + " reason").startsWith("Needs an administrator");
    }
    assertThat(fx(() -> robot.lookup("#config-pollWait").queryAs(TextField.class)
        .isEditable())).isFalse();
    assertThat(fx(() -> robot.lookup("#check-updates").queryButton().isDisabled())).isFalse();
  }

  @Test
  void logsPageFiltersLevelAndText() throws Exception {
    loopback = new LoopbackAgent(folder);
    Path log = ControlEndpoint.logFile(loopback.agentData, Role.AUTOMATION);
    Files.createDirectories(log.getParent());
    Files.writeString(log, String.join("\n",
        "2026-12-04T10:00:00.000Z INFO  [main] JobLoop: started",
        "2026-12-04T10:00:01.000Z WARN  [main] TenantLink: tenant slow",
        "2026-12-04T10:00:02.000Z ERROR [job-1] JobRunner: job failed",
        "java.io.IOException: broken pipe", ""));
    open(loopback.ipcDir);
    await("the automation card shows running", () -> text("#state-automation")
        .equals("running"));
    fx(() -> {
      console.window().showPage("Logs");
      return null;
    });
    await("four lines are shown", () -> logLines().size() == 4);

    fx(() -> {
      robot.lookup("#log-level").<LogLevel>queryComboBox().setValue(LogLevel.WARN);
      return null;
    });
    assertThat(logLines()).hasSize(3);
    assertThat(logLines().get(0)).contains("tenant slow");

    fx(() -> {
      robot.lookup("#log-search").queryAs(TextField.class).setText("BROKEN");
      return null;
    });
    assertThat(logLines()).containsExactly("java.io.IOException: broken pipe");
  }

  @Test
  void setupAppliesLimit() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);
    fx(() -> {
      console.window().showPage("Setup");
      return null;
    });
    await("the poll wait is loaded", () -> fx(() -> robot.lookup("#config-pollWait")
        .queryAs(TextField.class).getText()).equals("25s"));

    fx(() -> {
      robot.lookup("#config-pollWait").queryAs(TextField.class).setText("10s");
      robot.lookup("#apply-pollWait").queryButton().fire();
      return null;
    });

    await("the service confirms", () -> text("#setup-message").startsWith(
        "Set pollWait to 10s (was 25s)"));
    assertThat(loopback.agent.loop().settings().pollWait()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void setupChangesProxy() throws Exception {
    loopback = new LoopbackAgent(folder);
    open(loopback.ipcDir);
    fx(() -> {
      console.window().showPage("Setup");
      return null;
    });
    await("the proxy is loaded", () -> !fx(() -> robot.lookup("#config-proxy")
        .queryAs(TextField.class).getText()).isEmpty());
    assertThat(text("#config-proxyPassword-state")).isEqualTo("not set");

    fx(() -> {
      robot.lookup("#config-proxy").queryAs(TextField.class).setText("none");
      robot.lookup("#apply-proxy").queryButton().fire();
      return null;
    });
    await("the service confirms the proxy", () -> text("#setup-message")
        .startsWith("Set proxy to none"));
    assertThat(AgentConfig.read(loopback.agentData).proxy().mode()).isEqualTo(ProxyMode.NONE);

    fx(() -> {
      robot.lookup("#config-proxyPassword").queryAs(PasswordField.class).setText("proxy-pw");
      robot.lookup("#apply-proxyPassword").queryButton().fire();
      return null;
    });
    await("the service confirms the password", () -> text("#setup-message")
        .startsWith("Set proxyPassword to set"));
    assertThat(FileCredentialStore.proxyPassword(loopback.agentData).load())
        .contains("proxy-pw");
    assertThat(fx(() -> robot.lookup("#config-proxyPassword").queryAs(PasswordField.class)
        .getText())).as("the password field after Apply").isEmpty();
    await("the password state is reloaded",
        () -> text("#config-proxyPassword-state").equals("set"));
    assertThat(text("#setup-message")).doesNotContain("proxy-pw");
  }

  @Test
  void emptyFolderShowsNothingInstalled() throws Exception {
    Path empty = Files.createDirectory(folder.resolve("empty"));
    open(empty);

    assertThat(fx(() -> console.model().installed().isEmpty())).isTrue();
    await("the dashboard says so", () -> robot.lookup(".empty-note").tryQueryAs(Label.class)
        .map(label -> label.getText().contains("No Bridgehead service is installed"))
        .orElse(false));
  }

  private void open(Path ipcDir) throws Exception {
    FxToolkit.registerPrimaryStage();
    Stage stage = FxToolkit.registerStage(Stage::new);
    ConsoleOptions options = new ConsoleOptions(ipcDir, folder.resolve("console"),
        folder.resolve("no-installation"), "", false);
    console = fx(() -> {
      Console created = new Console(options, stage, new UnavailableServices(
          "no service manager in tests"), () -> { });
      created.start();
      return created;
    });
  }

  private static Node gateOf(Button button) {
    Node parent = button.getParent();
    assertThat(parent.getStyleClass()).contains(Gate.WRAPPER_STYLE);
    return parent;
  }

  private String text(String query) throws Exception {
    return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
  }

  private String cardText() throws Exception {
    return fx(() -> String.join("\n", robot.lookup("#card-automation .detail-value")
        .queryAllAs(Label.class).stream().map(Label::getText).toList()));
  }

  @SuppressWarnings("unchecked")
  private List<JobEntry> jobs() throws Exception {
    return fx(() -> List.copyOf(((TableView<JobEntry>) robot.lookup("#jobs-table")
        .query()).getItems()));
  }

  @SuppressWarnings("unchecked")
  private List<String> logLines() throws Exception {
    return fx(() -> ((ListView<LogLevel.Line>) robot.lookup("#log-lines").query()).getItems()
        .stream().map(LogLevel.Line::text).toList());
  }

  private List<String> jobIds() throws Exception {
    return jobs().stream().map(JobEntry::id).toList();
  }

  /** Runs on the FX thread and returns the value. */
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
      Thread.sleep(50);
    }
  }
}

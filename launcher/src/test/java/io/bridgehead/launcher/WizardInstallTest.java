package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.wizard.InstallWizard;
import io.bridgehead.installer.wizard.WizardOptions;
import io.bridgehead.installer.wizard.account.AccountVerifier;
import io.bridgehead.installer.wizard.command.CommandLine;
import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.model.HostOs;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.admin.AgentView;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ButtonBar.ButtonData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The installation wizard end to end, in a headless JavaFX window (Monocle), clicked through
 * by a TestFX robot. It runs the real {@code bridgehead check} and {@code bridgehead install
 * --unattended --root} as child processes from a distribution folder, the way
 * {@code bin/bridgehead} runs them, against a real tenant on loopback.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "installs the Linux layout into a root")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WizardInstallTest {
  private static final Duration CHECK_WAIT = Duration.ofSeconds(60);
  private static final Duration INSTALL_WAIT = Duration.ofSeconds(150);

  @TempDir
  static Path distributionFolder;
  private static CommandRunner runner;

  @TempDir
  Path folder;

  private final FxRobot robot = new FxRobot();
  private TenantServer tenant;
  private AdminClient admin;
  private String enrollmentString;
  private Path root;
  private InstallWizard wizard;
  private WizardDriver driver;

  @BeforeAll
  static void startToolkit() throws TimeoutException, IOException {
    FxToolkit.registerPrimaryStage();
    // The install copies the program files it runs from, so it must run from jars.
    Path distribution = TestDistribution.build(distributionFolder);
    runner = new CommandRunner(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        distribution.resolve("launcher.jar") + File.pathSeparator
            + distribution.resolve("lib") + File.separator + "*",
        Main.class.getName()));
  }

  @BeforeEach
  void startTenantAndWizard() throws IOException, TimeoutException {
    tenant = TenantServer.start(TenantSettings.defaults(folder.resolve("tenant")).withPort(0));
    admin = AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
    enrollmentString = admin.createPool("servers").enrollmentString();
    root = Files.createDirectory(folder.resolve("root"));
    WizardOptions options = new WizardOptions(root, HostOs.LINUX, runner,
        AccountVerifier.forThisSystem());
    wizard = FxToolkit.setupFixture(() -> {
      InstallWizard opened = new InstallWizard(options);
      opened.dialog().show();
      return opened;
    });
    driver = new WizardDriver(wizard, robot::clickOn);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (wizard != null) {
      FxToolkit.setupFixture(() -> wizard.dialog().close());
    }
    if (Files.exists(root.resolve("var/lib/bridgehead/install.json"))) {
      // The install started the agent as a detached process; uninstall stops it.
      runner.run(new CommandLine(
          List.of("uninstall", "--root", root.toString()), List.of()), INSTALL_WAIT);
    }
    tenant.close();
  }

  private void toConnectionPage() {
    driver.next("license");
    driver.click("licenseAccept");
    driver.next("installFolder");
    driver.next("connection");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void installsIntoRootAndEnrolls() throws IOException {
    toConnectionPage();
    driver.type("enrollmentString", enrollmentString);
    assertThat(driver.nextDisabled()).as("Next before the test").isTrue();
    driver.click("testConnection");
    assertThat(driver.waitForResult("testConnection-result", CHECK_WAIT))
        .startsWith("Reached the tenant at " + tenant.url());
    driver.next("modules");
    driver.next("serviceAccount");
    driver.next("proxy");
    driver.click("proxyNone");
    driver.click("testProxy");
    assertThat(driver.waitForResult("testProxy-result", CHECK_WAIT))
        .startsWith("Reached the tenant");
    driver.next("summary");
    driver.next("review");

    String command = driver.text("commandLine");
    assertThat(command).startsWith("bridgehead install --unattended --root " + root
        + " --install-dir /opt/bridgehead --enrollment-string - --module automation"
        + " --service-account bridgehead --proxy none --accept-license");
    assertThat(command).contains("standard input line 1: enrollment string");
    assertThat(command).doesNotContain(enrollmentString);

    driver.next("install");
    assertThat(driver.waitForInstallEnd(INSTALL_WAIT)).startsWith("Installed");
    assertThat(wizard.exitCode()).isZero();
    assertThat(driver.text("installLog")).doesNotContain(enrollmentString);
    driver.next("finish");
    driver.click("openConsole");
    driver.waitFor("a console result", CHECK_WAIT,
        () -> !driver.text("openConsole-result").startsWith("Starting"));
    driver.clickBar(ButtonData.FINISH);

    assertThat(wizard.exitCode()).isZero();
    assertThat(root.resolve("var/lib/bridgehead/install.json")).exists();
    assertThat(root.resolve("opt/bridgehead/current")).exists();
    List<AgentView> agents = admin.agents();
    assertThat(agents).hasSize(1);
    assertThat(agents.get(0).pool()).isEqualTo("servers");
  }

  @Test
  void unreachableTenantDisablesNext() throws IOException {
    int port = closedPort();
    toConnectionPage();
    driver.click("modeTenantUrl");
    driver.type("tenantUrl", "https://127.0.0.1:" + port);
    driver.type("enrollmentKey", "bhk_unused");

    driver.click("testConnection");

    assertThat(driver.waitForResult("testConnection-result", CHECK_WAIT))
        .startsWith("The connection to https://127.0.0.1:" + port + " failed at step 'tcp'");
    assertThat(driver.nextDisabled()).isTrue();
  }

  @Test
  void badEnrollmentStringDisablesNext() {
    toConnectionPage();

    driver.type("enrollmentString", enrollmentString.substring(0, 20));

    assertThat(driver.text("enrollmentString-error")).startsWith("Invalid enrollment string");
    assertThat(driver.nextDisabled()).isTrue();
  }

  @Test
  void wrongProxyDisablesNext() throws IOException {
    int port = closedPort();
    toConnectionPage();
    driver.type("enrollmentString", enrollmentString);
    driver.click("testLater");
    driver.next("modules");
    driver.next("serviceAccount");
    driver.next("proxy");

    driver.click("proxyExplicit");
    driver.type("proxyUrl", "http://127.0.0.1:" + port);
    driver.click("testProxy");

    assertThat(driver.waitForResult("testProxy-result", CHECK_WAIT))
        .contains("failed at step 'proxy'");
    assertThat(driver.nextDisabled()).isTrue();

    driver.click("proxyNone");
    driver.click("testProxy");
    assertThat(driver.waitForResult("testProxy-result", CHECK_WAIT))
        .startsWith("Reached the tenant");
    assertThat(driver.nextDisabled()).isFalse();
  }

  @Test
  void cancelDuringInstallUndoes() {
    toConnectionPage();
    driver.type("enrollmentString", enrollmentString);
    driver.click("testConnection");
    assertThat(driver.waitForResult("testConnection-result", CHECK_WAIT))
        .startsWith("Reached the tenant");
    driver.next("modules");
    driver.next("serviceAccount");
    driver.next("proxy");
    driver.next("summary");
    driver.next("review");
    driver.next("install");

    driver.waitForText("installStatus", "Step ", INSTALL_WAIT);
    driver.clickBar(ButtonData.CANCEL_CLOSE);
    assertThat(driver.waitForInstallEnd(INSTALL_WAIT)).startsWith("Cancelled");

    assertThat(wizard.exitCode()).isEqualTo(9);
    assertThat(driver.nextDisabled()).isTrue();
    assertThat(driver.page()).isEqualTo("install");
    assertThat(root.resolve("var/lib/bridgehead/install.json")).doesNotExist();
  }
}

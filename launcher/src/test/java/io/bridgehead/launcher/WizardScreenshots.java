package io.bridgehead.launcher;

import io.bridgehead.installer.wizard.InstallWizard;
import io.bridgehead.installer.wizard.WizardOptions;
import io.bridgehead.installer.wizard.account.AccountVerifier;
import io.bridgehead.installer.wizard.command.CommandLine;
import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.model.HostOs;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ButtonBase;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Takes one PNG per wizard page for the documentation: starts a tenant on loopback, opens
 * the wizard on the real display (run it under Xvfb), goes through every page with working
 * values, and installs into a temporary root. Run it through
 * {@code launcher/wizard-screenshots.sh}.
 *
 * <p>Usage: {@code WizardScreenshots OUTPUT_FOLDER}; it writes {@code wizard-PAGE.png} there.
 */
public final class WizardScreenshots {
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final Path output;
  private InstallWizard wizard;
  private WizardDriver driver;

  private WizardScreenshots(Path output) {
    this.output = output;
  }

  public static void main(String[] arguments) throws Exception {
    if (arguments.length != 1) {
      System.err.println("usage: WizardScreenshots OUTPUT_FOLDER");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("bh");
    int code = 1;
    try {
      new WizardScreenshots(Path.of(arguments[0])).run(work);
      code = 0;
    } finally {
      Platform.exit();
      deleteTree(work);
    }
    System.exit(code);
  }

  private void run(Path work) throws Exception {
    Files.createDirectories(output);
    Path distribution = TestDistribution.build(Files.createDirectory(work.resolve("dist")));
    CommandRunner runner = new CommandRunner(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        distribution.resolve("launcher.jar") + File.pathSeparator
            + distribution.resolve("lib") + File.separator + "*",
        Main.class.getName()));
    Path root = Files.createDirectory(work.resolve("root"));
    try (TenantServer tenant = TenantServer.start(
        TenantSettings.defaults(work.resolve("tenant")).withPort(0))) {
      AdminClient admin = AdminClient.connect(tenant.url(), tenant.fingerprint(),
          tenant.adminToken());
      String enrollmentString = admin.createPool("servers").enrollmentString();
      Platform.startup(() -> { });
      wizard = WizardDriver.onFx(() -> {
        InstallWizard opened = new InstallWizard(new WizardOptions(root, HostOs.LINUX, runner,
            AccountVerifier.forThisSystem()));
        opened.dialog().show();
        opened.dialog().setX(0);
        opened.dialog().setY(0);
        return opened;
      });
      driver = new WizardDriver(wizard, node -> WizardDriver.onFx(() -> {
        ((ButtonBase) node).fire();
        return null;
      }));
      try {
        walk(enrollmentString);
      } finally {
        runner.run(new CommandLine(List.of("uninstall", "--root", root.toString()),
            List.of()), WAIT);
      }
    }
  }

  private void walk(String enrollmentString) throws IOException, InterruptedException {
    shoot("welcome");
    driver.next("license");
    driver.click("licenseAccept");
    shoot("license");
    driver.next("installFolder");
    shoot("install-folder");

    driver.next("connection");
    driver.click("modeTenantUrl");
    driver.type("tenantUrl", "https://127.0.0.1:" + closedPort());
    driver.type("enrollmentKey", "bhk_example");
    driver.click("testConnection");
    driver.waitForResult("testConnection-result", WAIT);
    shoot("connection-failed");
    driver.click("modeEnrollmentString");
    driver.type("enrollmentString", enrollmentString);
    driver.click("testConnection");
    driver.waitForResult("testConnection-result", WAIT);
    shoot("connection");

    driver.next("modules");
    shoot("modules");
    driver.next("serviceAccount");
    shoot("service-account");

    driver.next("proxy");
    driver.click("proxyNone");
    driver.click("testProxy");
    driver.waitForResult("testProxy-result", WAIT);
    shoot("proxy");
    driver.next("summary");
    shoot("summary");
    driver.next("review");
    driver.click("copyCommand");
    shoot("review");

    driver.next("install");
    driver.waitForInstallEnd(WAIT);
    shoot("install");
    driver.next("finish");
    driver.click("openConsole");
    driver.waitForResult("openConsole-result", WAIT);
    shoot("finish");
  }

  /** Saves the shown page as {@code wizard-NAME.png}, after the pending layout is done. */
  private void shoot(String name) throws IOException, InterruptedException {
    Thread.sleep(400);
    WritableImage image = WizardDriver.onFx(() ->
        wizard.dialog().getDialogPane().getScene().snapshot(null));
    Path file = output.resolve("wizard-" + name + ".png");
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KB)");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}

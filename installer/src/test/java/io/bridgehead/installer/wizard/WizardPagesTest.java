package io.bridgehead.installer.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.installer.wizard.account.AccountVerifier;
import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.model.HostOs;
import io.bridgehead.wire.EnrollmentString;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's pages in a real JavaFX window (headless through Monocle): each invalid field
 * shows its message and keeps Next disabled. Pages that run commands are tested end to end
 * in the launcher module, where the commands exist.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WizardPagesTest {
  private static final String FINGERPRINT = "ab".repeat(32);

  @TempDir
  Path root;

  private final FxRobot robot = new FxRobot();
  private InstallWizard wizard;

  @BeforeAll
  static void startToolkit() throws TimeoutException {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void closeWizard() throws TimeoutException {
    if (wizard != null) {
      FxToolkit.setupFixture(() -> wizard.dialog().close());
    }
  }

  private void open(HostOs os, AccountVerifier verifier) throws TimeoutException {
    // No page in these tests runs a command, so the runner's program is never started.
    WizardOptions options = new WizardOptions(root, os,
        new CommandRunner(List.of("bridgehead-not-run")), verifier);
    wizard = FxToolkit.setupFixture(() -> {
      InstallWizard opened = new InstallWizard(options);
      opened.dialog().show();
      return opened;
    });
  }

  private Button next() {
    return wizard.button(ButtonData.NEXT_FORWARD);
  }

  private void clickNext(String expectedPage) {
    robot.clickOn(next());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(wizard.currentPageId()).isEqualTo(expectedPage);
  }

  private void type(String id, String text) {
    TextInputControl field = robot.lookup("#" + id).queryAs(TextInputControl.class);
    robot.interact(() -> field.setText(text));
  }

  private String error(String id) {
    Label label = robot.lookup("#" + id + "-error").queryAs(Label.class);
    return label.isVisible() ? label.getText() : "";
  }

  private void toConnectionPage() {
    assertThat(wizard.currentPageId()).isEqualTo("welcome");
    clickNext("license");
    assertThat(next().isDisabled()).as("Next before the license is accepted").isTrue();
    assertThat(robot.lookup("#licenseText").queryAs(TextArea.class).getText())
        .contains("development build").contains("no warranty");
    robot.clickOn("#licenseAccept");
    clickNext("installFolder");
    clickNext("connection");
  }

  private void passConnectionPageWithoutTest() {
    type("enrollmentString", new EnrollmentString("https://127.0.0.1:8443", "bhk_key",
        FINGERPRINT).encode());
    assertThat(next().isDisabled()).as("Next before a test").isTrue();
    robot.clickOn("#testLater");
    assertThat(next().isDisabled()).as("Next when testing on the Proxy page").isFalse();
    clickNext("modules");
  }

  @Test
  void installFolderRelativeDisablesNext() throws TimeoutException {
    open(HostOs.LINUX, AccountVerifier.forThisSystem());
    clickNext("license");
    robot.clickOn("#licenseAccept");
    clickNext("installFolder");

    type("installDir", "opt/bridgehead");

    assertThat(error("installDir"))
        .isEqualTo("'opt/bridgehead' is not an absolute path: start it with /");
    assertThat(next().isDisabled()).isTrue();

    type("installDir", "/opt/bridgehead");

    assertThat(error("installDir")).isEmpty();
    assertThat(next().isDisabled()).isFalse();
  }

  @Test
  void badEnrollmentStringDisablesNext() throws TimeoutException {
    open(HostOs.LINUX, AccountVerifier.forThisSystem());
    toConnectionPage();

    type("enrollmentString", "bh1.not-base64-json");

    assertThat(error("enrollmentString")).startsWith("Invalid enrollment string");
    assertThat(robot.lookup("#testConnection").queryAs(Button.class).isDisabled()).isTrue();
    robot.clickOn("#testLater");
    assertThat(next().isDisabled()).isTrue();
  }

  @Test
  void tenantFieldsShowEachError() throws TimeoutException {
    open(HostOs.LINUX, AccountVerifier.forThisSystem());
    toConnectionPage();

    robot.clickOn("#modeTenantUrl");
    type("tenantUrl", "http://tenant.example.com");
    type("fingerprint", "12:34");

    assertThat(error("tenantUrl")).startsWith("Invalid tenant URL 'http://tenant.example.com'");
    assertThat(error("enrollmentKey")).as("the key before it was edited").isEmpty();
    assertThat(error("fingerprint")).isNotEmpty();
    robot.clickOn("#testLater");
    assertThat(error("enrollmentKey")).as("the key after test later")
        .isEqualTo("Enter the enrollment key of the pool this agent joins");
    assertThat(error("enrollmentString")).as("the unused field").isEmpty();
    assertThat(next().isDisabled()).isTrue();
  }

  @Test
  void emptyEnrollmentStringShowsNoErrorYet() throws TimeoutException {
    open(HostOs.LINUX, AccountVerifier.forThisSystem());
    toConnectionPage();

    assertThat(error("enrollmentString")).as("before anything was typed").isEmpty();
    assertThat(next().isDisabled()).isTrue();

    type("enrollmentString", "bh1.x");
    type("enrollmentString", "");

    assertThat(error("enrollmentString")).as("after the field was cleared")
        .startsWith("Paste the enrollment string that 'bridgehead tenant pool create-key");
  }

  @Test
  void modulesOfferOnlyAutomation() throws TimeoutException {
    open(HostOs.LINUX, AccountVerifier.forThisSystem());
    toConnectionPage();
    passConnectionPageWithoutTest();

    assertThat(robot.lookup("#moduleAccess").queryAs(CheckBox.class).isDisabled()).isTrue();
    assertThat(robot.lookup("#moduleProvisioning").queryAs(CheckBox.class).isDisabled())
        .isTrue();
    assertThat(robot.lookup(".module-description").queryAllAs(Label.class))
        .filteredOn(label -> label.getText().contains("Not available in this version."))
        .hasSize(2);
    robot.clickOn("#moduleAutomation");
    assertThat(error("moduleAutomation")).startsWith("Select Service Automation");
    assertThat(next().isDisabled()).isTrue();
    robot.clickOn("#moduleAutomation");
    clickNext("serviceAccount");
  }

  @Test
  void linuxServiceUserIsChecked() throws TimeoutException {
    open(HostOs.LINUX, AccountVerifier.forThisSystem());
    toConnectionPage();
    passConnectionPageWithoutTest();
    clickNext("serviceAccount");

    assertThat(robot.lookup("#serviceUser").queryAs(TextInputControl.class).getText())
        .isEqualTo("bridgehead");
    type("serviceUser", "Bad User");

    assertThat(error("serviceUser")).startsWith("'Bad User' is not a valid user name");
    assertThat(next().isDisabled()).isTrue();
  }

  /**
   * The Windows account page with a stand-in verifier, because the real one calls the Windows
   * API, which cannot run here.
   */
  @Test
  void windowsAccountNeedsPassedCheck() throws TimeoutException {
    open(HostOs.WINDOWS, (account, password) -> password.equals("right")
        ? "" : "Windows rejected " + account + ": wrong password");
    toConnectionPage();
    passConnectionPageWithoutTest();
    clickNext("serviceAccount");
    assertThat(next().isDisabled()).as("Next with LocalSystem").isFalse();

    robot.clickOn("#accountDomain");
    type("domainAccount", "CORP\\svc-agent");
    assertThat(error("servicePassword")).isEqualTo("Enter the password of CORP\\svc-agent");
    type("servicePassword", "wrong");
    robot.clickOn("#checkAccount");
    WaitForAsyncUtils.waitForFxEvents();
    waitForText("checkAccount-result", "Windows rejected");
    assertThat(next().isDisabled()).as("Next after a rejected account").isTrue();

    type("servicePassword", "right");
    robot.clickOn("#checkAccount");
    waitForText("checkAccount-result", "can log on as a service");
    assertThat(next().isDisabled()).as("Next after a passed check").isFalse();
  }

  private void waitForText(String id, String text) {
    Node node = robot.lookup("#" + id).query();
    try {
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
          () -> ((Label) node).getText().contains(text));
    } catch (TimeoutException e) {
      throw new AssertionError("#" + id + " did not show '" + text + "' but '"
          + ((Label) node).getText() + "'", e);
    }
  }
}

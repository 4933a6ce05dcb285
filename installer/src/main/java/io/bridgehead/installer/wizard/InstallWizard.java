package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The installation wizard: a ControlsFX {@link Wizard} whose pages collect the settings of
 * {@code bridgehead install --unattended}, test the connection and then run that command as
 * a child process. It is the composition root of the pages. Usage from a command:
 *
 * <pre>{@code
 * int exitCode = InstallWizard.run(arguments, CommandRunner.thisJvm(MAIN_CLASS), err);
 * }</pre>
 *
 * <p>Tests build one on the JavaFX thread and show {@link #dialog()} themselves.
 */
public final class InstallWizard {
  /** The exit code when the wizard closes before an install ran: nothing was changed. */
  public static final int CLOSED_EXIT_CODE = 9;

  static final String USAGE = String.join("\n",
      "Usage: bridgehead install [--root DIR]",
      "",
      "Opens the installation wizard. For an install without a display, use",
      "'bridgehead install --unattended' (bridgehead install --unattended --help).",
      "",
      "Options:",
      "  --root DIR   install into DIR instead of the system; nothing outside DIR changes");

  private final Wizard wizard;
  private final InstallPage installPage;
  private final Background background = new Background();

  /** Builds the wizard and its pages; call on the JavaFX thread. */
  public InstallWizard(WizardOptions options) {
    WizardModel model = new WizardModel(options.root(), options.os());
    CommandRunner runner = options.runner();
    installPage = new InstallPage(model, runner, background);
    List<WizardPane> pages = List.of(
        new WelcomePage(model),
        new LicensePage(model),
        new InstallFolderPage(model),
        new ConnectionPage(model, runner, background),
        new ModulesPage(model),
        new ServiceAccountPage(model, options.accountVerifier(), background),
        new ProxyPage(model, runner, background),
        new SummaryPage(model),
        new ReviewPage(model),
        installPage,
        new FinishPage(model, installPage, runner, background));
    for (int i = 0; i < pages.size(); i++) {
      ((WizardPage) pages.get(i)).setStep(i + 1, pages.size());
    }
    wizard = new Wizard(null, "Bridgehead installation");
    // The pages keep their values in the model, so the wizard's reflective copy of every
    // field into its settings map is not needed.
    wizard.setReadSettings(false);
    wizard.setFlow(new Wizard.LinearFlow(pages));
    dialog().setResizable(false);
    dialog().setOnCloseRequest(event -> {
      if (installPage.running().get()) {
        event.consume();
        installPage.cancel();
      }
    });
    dialog().addEventHandler(DialogEvent.DIALOG_HIDDEN, event -> background.shutdown());
  }

  /** Returns the wizard's dialog window, to show it or find its nodes. */
  public Dialog<ButtonType> dialog() {
    return wizard.getDialog();
  }

  /** Returns the id of the page on show, such as "connection"; tests and screenshots use it. */
  public String currentPageId() {
    return dialog().getDialogPane().getId();
  }

  /** Returns the shown page's button of a kind, such as Next, or null when it has none. */
  public Button button(ButtonData kind) {
    DialogPane page = dialog().getDialogPane();
    for (ButtonType type : page.getButtonTypes()) {
      if (type.getButtonData() == kind) {
        return (Button) page.lookupButton(type);
      }
    }
    return null;
  }

  /**
   * Returns the exit code for the command that opened the wizard: the install command's, or
   * {@link #CLOSED_EXIT_CODE} when no install ran.
   */
  public int exitCode() {
    int code = installPage.exitCode().get();
    return code < 0 ? CLOSED_EXIT_CODE : code;
  }

  /**
   * Runs {@code bridgehead install} without {@code --unattended}: starts JavaFX, shows the
   * wizard, waits until it closes and returns the exit code.
   */
  public static int run(List<String> arguments, CommandRunner runner, PrintStream out,
      PrintStream err) throws InterruptedException {
    Path root = null;
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("--help") || argument.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (argument.equals("--root") && i + 1 < arguments.size()) {
        root = Path.of(arguments.get(++i)).toAbsolutePath();
      } else if (argument.equals("--root")) {
        err.println("bridgehead: --root needs a folder: bridgehead install --root DIR");
        return 2;
      } else {
        err.println("bridgehead: invalid argument '" + argument + "' for the wizard; it takes"
            + " only --root DIR. For the other options use 'bridgehead install --unattended'");
        return 2;
      }
    }
    String noDisplay = missingDisplay();
    if (noDisplay != null) {
      err.println("bridgehead: cannot open the installation wizard: " + noDisplay
          + ". Run 'bridgehead install --unattended' instead");
      return 2;
    }
    WizardOptions options = WizardOptions.forThisSystem(root, runner);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<InstallWizard> shown = new AtomicReference<>();
    Platform.setImplicitExit(false);
    Platform.startup(() -> {
      InstallWizard wizard = new InstallWizard(options);
      shown.set(wizard);
      wizard.dialog().addEventHandler(DialogEvent.DIALOG_HIDDEN, event -> closed.countDown());
      wizard.dialog().show();
    });
    closed.await();
    int code = shown.get().exitCode();
    Platform.exit();
    if (code == CLOSED_EXIT_CODE && shown.get().installPage.exitCode().get() < 0) {
      err.println("bridgehead: the wizard was closed before installing; nothing was changed");
    }
    return code;
  }

  /** Returns why no window can open on Linux, or null when a display is set. */
  private static String missingDisplay() {
    if (System.getProperty("os.name", "").startsWith("Windows")
        || "Monocle".equals(System.getProperty("glass.platform"))) {
      return null;
    }
    if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
      return "no display (DISPLAY and WAYLAND_DISPLAY are not set)";
    }
    return null;
  }
}

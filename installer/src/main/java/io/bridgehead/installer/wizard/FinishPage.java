package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandLines;
import io.bridgehead.installer.wizard.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.controlsfx.dialog.Wizard;

/**
 * The last page: what was installed, and a button that opens the console by running
 * {@code bridgehead console} as a child. A console that is missing or ends at once is
 * reported with its message.
 */
final class FinishPage extends WizardPage {
  /** A console still running after this long counts as opened. */
  private static final long CONSOLE_START_MILLIS = 3000;

  private final WizardModel model;
  private final InstallPage install;
  private final Label summary = new Label();
  private final Label consoleResult = new Label();

  FinishPage(WizardModel model, InstallPage install, CommandRunner runner,
      Background background) {
    super("finish", "Bridgehead is installed");
    this.model = model;
    this.install = install;
    summary.setId("finishSummary");
    summary.setWrapText(true);
    Button console = new Button("Open the console");
    console.setId("openConsole");
    console.setOnAction(event -> openConsole(runner, background, console));
    consoleResult.setId("openConsole-result");
    consoleResult.setWrapText(true);
    add(summary,
        paragraph("The console shows the services' state, their jobs and logs, and lets"
            + " an administrator change the pool, and the proxy on its Setup page. It also"
            + " starts when a user logs in."),
        console, consoleResult,
        paragraph("The command 'bridgehead status' shows the same state in a terminal."));
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    super.onEnteringPage(wizard);
    showPrevious(false);
    summary.setText(install.resultMessage() + "\n\nProgram files: "
        + model.settings().get().programFolder() + ". Services run as "
        + model.settings().get().serviceAccount() + ".");
  }

  private void openConsole(CommandRunner runner, Background background, Button button) {
    button.setDisable(true);
    consoleResult.setText("Starting the console\u2026");
    List<String> arguments = CommandLines.console(model.settings().get());
    Task<String> task = new Task<>() {
      @Override
      protected String call() throws IOException, InterruptedException {
        Path errors = Files.createTempFile("bridgehead-console", ".log");
        try {
          Process console = runner.startDetached(arguments, errors);
          if (!console.waitFor(CONSOLE_START_MILLIS, TimeUnit.MILLISECONDS)) {
            return "The console is open.";
          }
          if (console.exitValue() == 0) {
            return "The console started.";
          }
          String reason = Files.readString(errors).trim();
          return "The console could not be opened (exit code " + console.exitValue() + ")"
              + (reason.isEmpty() ? "" : ": " + reason) + ". It may not be part of this"
              + " version yet; the services run without it.";
        } finally {
          Files.deleteIfExists(errors);
        }
      }
    };
    task.setOnSucceeded(event -> {
      consoleResult.setText(task.getValue());
      button.setDisable(false);
    });
    task.setOnFailed(event -> {
      consoleResult.setText("The console could not be started: "
          + task.getException().getMessage());
      button.setDisable(false);
    });
    background.run(task);
  }
}

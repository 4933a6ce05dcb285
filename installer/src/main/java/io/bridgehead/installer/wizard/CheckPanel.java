package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CheckReport;
import io.bridgehead.installer.wizard.command.CommandLine;
import io.bridgehead.installer.wizard.command.CommandRunner;
import java.time.Duration;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A button that runs {@code bridgehead check --json} for the current settings, and the
 * result: the tenant it reached, or the step that failed and why. A passed check goes into
 * the model, which makes the pages that need it valid.
 */
final class CheckPanel extends VBox {
  /** How long a check may run; its own connect and handshake timeouts are shorter. */
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

  private final WizardModel model;
  private final CommandRunner runner;
  private final Background background;
  private final ObjectBinding<CommandLine> line;
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final Label summary = new Label();
  private final VBox steps = new VBox(2);

  CheckPanel(String id, String buttonText, WizardModel model, ObservableBooleanValue ready,
      CommandRunner runner, Background background) {
    super(6);
    this.model = model;
    this.runner = runner;
    this.background = background;
    this.line = model.checkLine();
    Button test = new Button(buttonText);
    test.setId(id);
    test.disableProperty().bind(Bindings.not(ready).or(running));
    test.setOnAction(event -> start());
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(18, 18);
    spinner.visibleProperty().bind(running);
    summary.setId(id + "-result");
    summary.setWrapText(true);
    steps.setId(id + "-steps");
    steps.getStyleClass().add("check-steps");
    line.addListener((observable, before, after) -> clear());
    getChildren().addAll(new HBox(8, test, spinner), summary, steps);
  }

  /** Returns whether the current settings passed a check. */
  BooleanBinding passed() {
    return Bindings.createBooleanBinding(() -> model.passedChecks().contains(line.get()),
        line, model.passedChecks());
  }

  private void clear() {
    summary.setText("");
    summary.getStyleClass().removeAll("check-ok", "check-failed");
    steps.getChildren().clear();
  }

  private void start() {
    CommandLine command = line.get();
    clear();
    summary.setText("Testing the connection\u2026");
    running.set(true);
    Task<CommandRunner.Finished> task = new Task<>() {
      @Override
      protected CommandRunner.Finished call() throws Exception {
        return runner.run(command, CHECK_TIMEOUT);
      }
    };
    task.setOnSucceeded(event -> {
      running.set(false);
      show(command, task.getValue());
    });
    task.setOnFailed(event -> {
      running.set(false);
      fail("The check could not run: " + task.getException().getMessage());
    });
    background.run(task);
  }

  private void show(CommandLine command, CommandRunner.Finished finished) {
    if (!command.equals(line.get())) {
      return;
    }
    CheckReport report;
    try {
      report = CheckReport.parse(finished.out());
    } catch (IllegalArgumentException e) {
      String reason = finished.err().isBlank() ? e.getMessage() : finished.err().trim();
      fail("The check failed (exit code " + finished.exitCode() + "): " + reason);
      return;
    }
    for (CheckReport.Step step : report.steps()) {
      Label row = new Label((step.ok() ? "\u2714 " : "\u2718 ") + step.name() + ": "
          + step.detail());
      row.setWrapText(true);
      row.getStyleClass().add(step.ok() ? "step-ok" : "step-failed");
      steps.getChildren().add(row);
    }
    if (report.ok()) {
      model.passedChecks().add(command);
      summary.getStyleClass().add("check-ok");
      summary.setText("Reached the tenant at " + report.target()
          + report.tenantDetail().map(detail -> ": " + detail).orElse("") + ". The enrollment"
          + " key decides the pool; the install names it when it enrolls.");
    } else {
      CheckReport.Step failed = report.firstFailure().orElseThrow();
      fail("The connection to " + report.target() + " failed at step '" + failed.name()
          + "': " + failed.detail());
    }
  }

  private void fail(String text) {
    summary.getStyleClass().add("check-failed");
    summary.setText(text);
  }
}

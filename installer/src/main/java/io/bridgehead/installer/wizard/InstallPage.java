package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandLine;
import io.bridgehead.installer.wizard.command.CommandLines;
import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.command.InstallStep;
import io.bridgehead.installer.wizard.command.ProgressEvent;
import io.bridgehead.installer.wizard.command.ProgressTracker;
import io.bridgehead.installer.wizard.command.StepStatus;
import java.io.IOException;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code bridgehead install --unattended --progress} as a child process and shows its
 * progress lines: a bar, one row per step, and any other output as is. Cancel sends the
 * child a {@code cancel} line, which undoes what was done; the page stays until the child
 * ends. Next is enabled once the install succeeded; after a failure Previous goes back.
 */
final class InstallPage extends WizardPage {
  private static final Logger LOG = LoggerFactory.getLogger(InstallPage.class);

  private final WizardModel model;
  private final CommandRunner runner;
  private final Background background;
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final BooleanProperty succeeded = new SimpleBooleanProperty(false);
  /** The install command's exit code, or -1 before it ended. */
  private final ReadOnlyIntegerWrapper exitCode = new ReadOnlyIntegerWrapper(-1);
  private final ProgressBar bar = new ProgressBar(0);
  private final Label status = new Label();
  private final VBox steps = new VBox(3);
  private final TextArea log = new TextArea();
  private ProgressTracker tracker = new ProgressTracker();
  private CommandRunner.Running child;
  /** Whether Cancel was pressed before the child had started; it is sent once it has. */
  private boolean cancelPending;
  private boolean cancelFilterAdded;

  InstallPage(WizardModel model, CommandRunner runner, Background background) {
    super("install", "Installing");
    this.model = model;
    this.runner = runner;
    this.background = background;
    bar.setId("installProgress");
    bar.setMaxWidth(Double.MAX_VALUE);
    status.setId("installStatus");
    status.setWrapText(true);
    steps.setId("installSteps");
    steps.getStyleClass().add("install-steps");
    log.setId("installLog");
    log.setEditable(false);
    log.setPrefRowCount(6);
    log.setWrapText(true);
    log.getStyleClass().add("command");
    add(bar, status, steps, caption("Output", log), log);
    setValid(succeeded);
  }

  ReadOnlyBooleanProperty running() {
    return running;
  }

  ReadOnlyIntegerProperty exitCode() {
    return exitCode.getReadOnlyProperty();
  }

  /** Returns the result line's message, or the status text when there was none. */
  String resultMessage() {
    return tracker.message().isEmpty() ? status.getText() : tracker.message();
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    super.onEnteringPage(wizard);
    addCancelFilter();
    if (!running.get() && !succeeded.get()) {
      start();
    }
  }

  private void addCancelFilter() {
    Button cancel = button(ButtonData.CANCEL_CLOSE);
    if (cancel == null || cancelFilterAdded) {
      return;
    }
    cancelFilterAdded = true;
    cancel.addEventFilter(ActionEvent.ACTION, event -> {
      if (running.get()) {
        event.consume();
        cancel();
      }
    });
  }

  /** Asks the running install to stop after its current step and undo what it did. */
  void cancel() {
    if (!running.get()) {
      return;
    }
    if (child == null) {
      cancelPending = true;
      status.setText("Cancelling as soon as the install has started\u2026");
      return;
    }
    try {
      child.send("cancel");
      status.setText("Cancelling after the current step; then every step done is undone\u2026");
    } catch (IOException e) {
      LOG.warn("Could not send cancel to the install command", e);
      status.setText("Could not cancel: " + e.getMessage());
    }
  }

  private void start() {
    CommandLine line = CommandLines.install(model.settings().get());
    tracker = new ProgressTracker();
    steps.getChildren().clear();
    log.clear();
    bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    status.setText("Starting the install\u2026");
    exitCode.set(-1);
    cancelPending = false;
    running.set(true);
    showPrevious(false);
    Task<Integer> task = new Task<>() {
      @Override
      protected Integer call() throws Exception {
        CommandRunner.Running started = runner.start(line,
            text -> Platform.runLater(() -> onOutput(text)),
            text -> Platform.runLater(() -> log.appendText(text + "\n")));
        Platform.runLater(() -> {
          child = started;
          if (cancelPending) {
            cancel();
          }
        });
        return started.waitFor();
      }
    };
    task.setOnSucceeded(event -> finish(task.getValue()));
    task.setOnFailed(event -> {
      LOG.error("The install command failed to run", task.getException());
      status.setText("The install command could not run: " + task.getException().getMessage());
      finish(1);
    });
    background.run(task);
  }

  private void onOutput(String text) {
    ProgressEvent event = ProgressEvent.parse(text);
    if (event.kind() == ProgressEvent.Kind.TEXT) {
      log.appendText(text + "\n");
      return;
    }
    tracker.apply(event);
    render(event);
  }

  private void render(ProgressEvent event) {
    steps.getChildren().clear();
    for (InstallStep step : tracker.steps()) {
      Label row = new Label(symbol(step.status()) + "  " + step.description() + "  ("
          + step.status().label() + ")" + (step.detail().isEmpty() ? "" : ": " + step.detail()));
      row.setWrapText(true);
      row.getStyleClass().add("install-step-" + step.status().name().toLowerCase(
          Locale.ROOT).replace('_', '-'));
      steps.getChildren().add(row);
    }
    bar.setProgress(tracker.fraction());
    if (event.kind() == ProgressEvent.Kind.STEP) {
      status.setText("Step " + event.step() + " of " + event.total() + ": " + event.text());
    } else if (event.kind() == ProgressEvent.Kind.UNDO) {
      status.setText("Undoing step " + event.step() + ": " + event.text());
    }
  }

  private static String symbol(StepStatus status) {
    return switch (status) {
      case PENDING -> "\u25cb";
      case RUNNING, UNDOING -> "\u25b6";
      case DONE -> "\u2714";
      case UNDONE -> "\u21b6";
      case FAILED, UNDO_FAILED -> "\u2718";
    };
  }

  private void finish(int code) {
    running.set(false);
    child = null;
    exitCode.set(code);
    boolean ok = code == 0 && tracker.outcome().equals("ok");
    succeeded.set(ok);
    bar.setProgress(ok ? 1 : tracker.fraction());
    String message = tracker.message().isEmpty() ? "" : ": " + tracker.message();
    if (ok) {
      status.setText(tracker.message().isEmpty() ? "Installed." : tracker.message());
      status.getStyleClass().setAll("label", "check-ok");
      return;
    }
    status.getStyleClass().setAll("label", "check-failed");
    status.setText(switch (tracker.outcome()) {
      case "cancelled" -> "Cancelled; every step done was undone" + message;
      case "failed" -> "The install failed and every step done was undone" + message;
      case "incomplete" -> "The install failed and could not undo everything" + message;
      default -> "The install command ended with exit code " + code + message
          + "; see the output below";
    } + ". Previous goes back to change the settings.");
    showPrevious(true);
  }
}

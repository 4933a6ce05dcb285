package io.bridgehead.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.RepairProgress;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.model.UpdateInfo;
import io.bridgehead.console.model.UpdateOutcome;
import io.bridgehead.console.system.Installation;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Updates page: the running and wanted version, what the service does about an update
 * now, the history of updates and repairs, and Repair with each of its steps as it runs.
 */
final class UpdatesView extends VBox implements Page {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneId.systemDefault());

  private final ConsoleModel model;
  private final ServiceActions actions;
  private final Path defaultDataDir;
  private final Label current = new Label("unknown");
  private final Label wanted = new Label("unknown");
  private final Label updateState = new Label("unknown");
  private final Label note = new Label();
  private final ObservableList<String> history = FXCollections.observableArrayList();
  private final RepairProgress progress = new RepairProgress();
  private final Label repairResult = new Label();
  private final ReadOnlyStringWrapper repairReason = new ReadOnlyStringWrapper(this,
      "repairReason", "checking whether this user may repair…");
  private final ChangeListener<Object> serviceChanged = (property, before, after) ->
      refreshService();
  private boolean showing;
  /** Checks again when the service comes back, as after the restart of an update. */
  private final ChangeListener<Boolean> connectedChanged = (property, before, connected) -> {
    if (connected && showing) {
      check();
    }
  };

  /**
   * Makes the page.
   *
   * @param defaultDataDir the installation's data folder to repair while no service has
   *     reported its own
   */
  UpdatesView(ConsoleModel model, ServiceActions actions, Path defaultDataDir) {
    this.model = model;
    this.actions = actions;
    this.defaultDataDir = defaultDataDir;
    setId("updates");
    getStyleClass().add("page");

    Label versionsTitle = new Label("Versions");
    versionsTitle.getStyleClass().add("section-title");
    GridPane versions = new GridPane();
    versions.getStyleClass().add("form");
    current.setId("current-version");
    wanted.setId("wanted-version");
    updateState.setId("update-state");
    updateState.setWrapText(true);
    versions.addRow(0, new Label("Running version"), current);
    versions.addRow(1, new Label("Version the pool wants"), wanted);
    versions.addRow(2, new Label("Update"), updateState);
    note.setWrapText(true);
    note.setId("update-note");
    note.getStyleClass().add("page-note");
    Button check = new Button("_Check now");
    check.setId("check-updates");
    check.setOnAction(event -> check());

    Label historyTitle = new Label("History");
    historyTitle.getStyleClass().add("section-title");
    ListView<String> historyList = new ListView<>(history);
    historyList.setId("update-history");
    historyList.setPrefHeight(110);
    historyList.setPlaceholder(new Label("No update or repair has run yet."));

    Label repairTitle = new Label("Repair");
    repairTitle.getStyleClass().add("section-title");
    Label repairText = new Label("Repair stops the services, restores the program files from"
        + " the last good package, registers the services again and starts them. It keeps"
        + " configuration, credentials and results not yet sent, and works when the services"
        + " are stopped, broken or missing.");
    repairText.setWrapText(true);
    // A wrapped label in a VBox otherwise shrinks to one line and ends in an ellipsis.
    repairText.setMinHeight(Region.USE_PREF_SIZE);
    Button repair = new Button("Re_pair");
    repair.setId("repair");
    repair.setOnAction(event -> repair());
    ListView<RepairProgress.Step> steps = new ListView<>(progress.steps());
    steps.setId("repair-steps");
    steps.setPrefHeight(150);
    steps.setPlaceholder(new Label("The steps show here while a repair runs."));
    steps.setCellFactory(list -> new StepCell());
    repairResult.setWrapText(true);
    repairResult.setId("repair-answer");
    repairResult.getStyleClass().add("answer");
    repairResult.textProperty().bind(progress.resultProperty());
    progress.failedProperty().addListener((property, before, failed) -> style(failed));

    getChildren().addAll(versionsTitle, versions, new HBox(Gate.wrap(check,
        Gate.mayRead(model.selectedProperty()), Gate.readReason(model.selectedProperty()))),
        note, historyTitle, historyList, repairTitle, repairText,
        new HBox(Gate.wrap(repair, Bindings.createBooleanBinding(
            () -> repairReason.get().isEmpty() && !progress.runningProperty().get(),
            repairReason, progress.runningProperty()),
            Bindings.createStringBinding(() -> progress.runningProperty().get()
                ? "a repair is running" : repairReason.get(), repairReason,
                progress.runningProperty()))),
        steps, repairResult);

    model.selectedProperty().addListener((property, before, after) -> {
      if (before != null) {
        before.updateProperty().removeListener(serviceChanged);
        before.dataFolderProperty().removeListener(serviceChanged);
        before.connectedProperty().removeListener(connectedChanged);
      }
      if (after != null) {
        after.updateProperty().addListener(serviceChanged);
        after.dataFolderProperty().addListener(serviceChanged);
        after.connectedProperty().addListener(connectedChanged);
      }
      clear();
      refreshService();
    });
    ServiceModel selected = model.selectedProperty().get();
    if (selected != null) {
      selected.updateProperty().addListener(serviceChanged);
      selected.dataFolderProperty().addListener(serviceChanged);
      selected.connectedProperty().addListener(connectedChanged);
    }
    refreshService();
  }

  /** Checks for updates when the page is shown, since the check only reads. */
  @Override
  public void shown() {
    showing = true;
    check();
    refreshRepairReason();
  }

  @Override
  public void hidden() {
    showing = false;
  }

  /** Returns why this user cannot start a repair now; empty when Repair is enabled. */
  ReadOnlyStringProperty repairReasonProperty() {
    return repairReason.getReadOnlyProperty();
  }

  /** Calls {@code update.check} for the selected service and shows the versions. */
  void check() {
    ServiceModel service = model.selectedProperty().get();
    if (service == null || !service.connectedProperty().get()) {
      return;
    }
    note.setText("Checking…");
    actions.checkUpdate(service).whenComplete((result, failure) -> Platform.runLater(() -> {
      if (failure != null) {
        note.setText("The update check failed: " + ServiceActions.describe(failure));
        return;
      }
      current.setText(result.path("currentVersion").asText());
      wanted.setText(result.path("wantedVersion").asText());
      note.setText((result.path("updateWanted").asBoolean() ? "An update is wanted. "
          : "Up to date. ") + sentence(result.path("note").asText()));
      if (result.path("history").isArray()) {
        history.setAll(historyLines(result.path("history")));
      }
    }));
  }

  /**
   * Starts a repair of the installation as a child process, and shows each of its steps. Does
   * nothing while this user may not repair or a repair runs, and the button's tooltip shows why.
   */
  void repair() {
    if (!repairReason.get().isEmpty() || progress.runningProperty().get()) {
      return;
    }
    Path dataDir = dataDir();
    progress.start();
    style(false);
    actions.repair(dataDir, line -> Platform.runLater(() -> progress.accept(line)))
        .whenComplete((exitCode, failure) -> Platform.runLater(() -> {
          if (failure != null) {
            progress.failedToRun(ServiceActions.describe(failure));
          } else {
            progress.finished(exitCode);
          }
          actions.repairEnded(progress.resultProperty().get(), progress.failedProperty().get());
          refreshRepairReason();
        }));
  }

  /** Returns the repair's progress, for tests. */
  RepairProgress progress() {
    return progress;
  }

  private void refreshService() {
    ServiceModel service = model.selectedProperty().get();
    UpdateInfo info = service == null ? UpdateInfo.UNKNOWN : service.updateProperty().get();
    updateState.setText(describe(info));
    if (info.last() != null && history.isEmpty()) {
      history.setAll(historyLine(info.last()));
    }
    refreshRepairReason();
  }

  private void refreshRepairReason() {
    Path dataDir = dataDir();
    Installation.repairBlockerAsync(dataDir).thenAccept(reason ->
        Platform.runLater(() -> repairReason.set(reason)));
  }

  /** Returns the installation's data folder: the parent of the selected service's own. */
  private Path dataDir() {
    ServiceModel service = model.selectedProperty().get();
    String folder = service == null ? "" : service.dataFolderProperty().get();
    if (!folder.isEmpty()) {
      Path parent = Path.of(folder).toAbsolutePath().getParent();
      if (parent != null) {
        return parent;
      }
    }
    return defaultDataDir;
  }

  private void clear() {
    current.setText("unknown");
    wanted.setText("unknown");
    note.setText("");
    history.clear();
  }

  private void style(boolean failed) {
    repairResult.getStyleClass().removeAll("answer-error", "answer-ok");
    repairResult.getStyleClass().add(failed ? "answer-error" : "answer-ok");
  }

  private static String describe(UpdateInfo info) {
    if (!info.enabled()) {
      return "Off: this service was not started with an update folder.";
    }
    String detail = info.detail().isEmpty() ? "" : " " + sentence(info.detail());
    return switch (info.state()) {
      case "downloading" -> "Downloading version " + info.wantedVersion() + "." + detail;
      case "waiting" -> "Version " + info.wantedVersion() + " waits for the pool's update"
          + " window." + detail;
      case "updating" -> "The updater installs version " + info.wantedVersion() + "."
          + detail;
      case "failed" -> "The update to " + info.wantedVersion() + " failed." + detail;
      default -> "Nothing to do." + detail;
    };
  }

  private static List<String> historyLines(JsonNode entries) {
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : entries) {
      UpdateOutcome outcome = UpdateOutcome.fromJson(entry);
      if (outcome != null) {
        lines.add(historyLine(outcome));
      }
    }
    return lines;
  }

  private static String historyLine(UpdateOutcome outcome) {
    return TIME.format(outcome.finishedAt()) + "  " + outcome.summary();
  }

  /** Returns the service's note as a sentence: capital first letter and a final period. */
  private static String sentence(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String capitalized = Character.toUpperCase(text.charAt(0)) + text.substring(1);
    return capitalized.endsWith(".") ? capitalized : capitalized + ".";
  }

  /** Shows a repair step with its state as a style class, for color next to the words. */
  private static final class StepCell extends ListCell<RepairProgress.Step> {
    @Override
    protected void updateItem(RepairProgress.Step step, boolean empty) {
      super.updateItem(step, empty);
      getStyleClass().removeAll("step-waiting", "step-running", "step-done", "step-failed");
      if (empty || step == null) {
        setText(null);
        return;
      }
      setText(step.line());
      getStyleClass().add("step-" + step.status().word());
    }
  }
}

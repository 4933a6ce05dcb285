package io.bridgehead.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.ipc.RpcException;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Updates page: the running and wanted version from {@code update.check}, and Repair,
 * which shows the steps the service reports or why it cannot repair.
 */
final class UpdatesView extends VBox implements Page {
  private final ConsoleModel model;
  private final ServiceActions actions;
  private final Label current = new Label("unknown");
  private final Label wanted = new Label("unknown");
  private final Label note = new Label();
  private final Label repairAnswer = new Label();

  UpdatesView(ConsoleModel model, ServiceActions actions) {
    this.model = model;
    this.actions = actions;
    setId("updates");
    getStyleClass().add("page");

    Label versionsTitle = new Label("Versions");
    versionsTitle.getStyleClass().add("section-title");
    GridPane versions = new GridPane();
    versions.getStyleClass().add("form");
    current.setId("current-version");
    wanted.setId("wanted-version");
    versions.addRow(0, new Label("Running version"), current);
    versions.addRow(1, new Label("Version the pool wants"), wanted);
    note.setWrapText(true);
    note.setId("update-note");
    note.getStyleClass().add("page-note");
    Button check = new Button("_Check now");
    check.setId("check-updates");
    check.setOnAction(event -> check());

    Label repairTitle = new Label("Repair");
    repairTitle.getStyleClass().add("section-title");
    Label repairText = new Label("Repair reinstalls the services from the last good package,"
        + " keeping configuration and credentials.");
    repairText.setWrapText(true);
    Button repair = new Button("Re_pair");
    repair.setId("repair");
    repair.setOnAction(event -> repair());
    repairAnswer.setWrapText(true);
    repairAnswer.setId("repair-answer");
    repairAnswer.getStyleClass().add("answer");

    getChildren().addAll(versionsTitle, versions, new HBox(Gate.wrap(check,
        Gate.mayRead(model.selectedProperty()), Gate.readReason(model.selectedProperty()))),
        note, repairTitle, repairText, new HBox(Gate.wrap(repair,
            Gate.mayChange(model.selectedProperty()),
            Gate.changeReason(model.selectedProperty()))), repairAnswer);
    model.selectedProperty().addListener((property, before, after) -> clear());
  }

  /** Checks for updates when the page is shown, since the check only reads. */
  @Override
  public void shown() {
    check();
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
    }));
  }

  private void repair() {
    ServiceModel service = model.selectedProperty().get();
    if (service == null) {
      return;
    }
    repairAnswer.getStyleClass().removeAll("answer-error", "answer-ok");
    repairAnswer.setText("Requesting a repair…");
    actions.repair(service).whenComplete((result, failure) -> Platform.runLater(() -> {
      if (failure != null) {
        repairAnswer.getStyleClass().add("answer-error");
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        boolean notBuilt = cause instanceof RpcException rpc
            && rpc.code() == ControlApi.REPAIR_NOT_AVAILABLE;
        repairAnswer.setText((notBuilt ? "Repair is not available: "
            : "The repair request failed: ") + ServiceActions.describe(cause));
        return;
      }
      repairAnswer.getStyleClass().add("answer-ok");
      repairAnswer.setText(steps(result));
    }));
  }

  private void clear() {
    current.setText("unknown");
    wanted.setText("unknown");
    note.setText("");
    repairAnswer.setText("");
  }

  /** Returns the steps the repair reported, one per line, or the whole result. */
  private static String steps(JsonNode result) {
    JsonNode steps = result.path("steps");
    if (!steps.isArray() || steps.isEmpty()) {
      return "The service answered: " + result;
    }
    StringBuilder text = new StringBuilder("The repair reported these steps:");
    int number = 1;
    for (JsonNode step : steps) {
      text.append('\n').append(number++).append(". ")
          .append(step.isTextual() ? step.asText() : step.path("message").asText(
              step.toString()));
    }
    return text.toString();
  }

  /** Returns the service's note as a sentence: capital first letter and a final period. */
  private static String sentence(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String capitalized = Character.toUpperCase(text.charAt(0)) + text.substring(1);
    return capitalized.endsWith(".") ? capitalized : capitalized + ".";
  }
}

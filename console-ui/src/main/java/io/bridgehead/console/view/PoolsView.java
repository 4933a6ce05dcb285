package io.bridgehead.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.ServiceModel;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Pools page: the tenant's pools with their online agents, and a move of the selected
 * service to another pool with that pool's enrollment key, after a confirmation.
 */
final class PoolsView extends BorderPane implements Page {
  /** One row of {@code pools.list}. */
  record Pool(String name, int onlineAgents, boolean current) {}

  private final ConsoleModel model;
  private final ServiceLinks links;
  private final TableView<Pool> table = new TableView<>();
  private final Label message = new Label();
  private final ProgressIndicator progress = new ProgressIndicator();
  private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

  PoolsView(ConsoleModel model, ServiceLinks links) {
    this.model = model;
    this.links = links;
    setId("pools");

    TableColumn<Pool, String> name = new TableColumn<>("Pool");
    name.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()
        + (cell.getValue().current() ? " (current)" : "")));
    name.setPrefWidth(260);
    TableColumn<Pool, String> online = new TableColumn<>("Online agents");
    online.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
        Integer.toString(cell.getValue().onlineAgents())));
    online.setPrefWidth(140);
    table.getColumns().add(name);
    table.getColumns().add(online);
    table.setId("pools-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No pools listed yet."));

    Button refresh = new Button("_Refresh");
    refresh.setOnAction(event -> refresh());
    Button select = new Button("_Switch to selected pool…");
    select.setId("switch-pool");
    select.setOnAction(event -> switchPool());
    BooleanBinding poolChosen = Bindings.createBooleanBinding(() -> {
      Pool pool = table.getSelectionModel().getSelectedItem();
      return pool != null && !pool.current();
    }, table.getSelectionModel().selectedItemProperty());
    BooleanBinding mayChange = Gate.mayChange(model.selectedProperty());
    progress.setVisible(false);
    progress.visibleProperty().bind(busy);
    progress.setPrefSize(24, 24);
    HBox bar = new HBox(
        Gate.wrap(refresh, Gate.mayRead(model.selectedProperty()).and(busy.not()),
            Gate.readReason(model.selectedProperty())),
        Gate.wrap(select, mayChange.and(poolChosen).and(busy.not()),
            Bindings.createStringBinding(() -> !mayChange.get()
                ? Gate.reason(model.selectedProperty().get())
                : busy.get() ? "A pool move is running." : "Select a pool other than the"
                    + " current one.", mayChange, poolChosen, busy)),
        progress);
    bar.getStyleClass().add("page-bar");
    message.setWrapText(true);
    message.setId("pools-message");
    message.getStyleClass().add("page-note");

    model.selectedProperty().addListener((property, before, after) -> refresh());
    setTop(bar);
    setCenter(table);
    setBottom(new VBox(message));
  }

  @Override
  public void shown() {
    if (!busy.get()) {
      refresh();
    }
  }

  /** Fetches the tenant's pools through the selected service. */
  void refresh() {
    ServiceModel service = model.selectedProperty().get();
    if (service == null || !service.connectedProperty().get()) {
      table.getItems().clear();
      return;
    }
    links.linkOf(service).call(ControlApi.POOLS_LIST, null)
        .whenComplete((result, failure) -> Platform.runLater(() -> {
          if (failure != null) {
            message.setText("Listing the pools failed: " + ServiceActions.describe(failure));
            return;
          }
          table.getItems().clear();
          for (JsonNode pool : result.path("pools")) {
            table.getItems().add(new Pool(pool.path("name").asText(),
                pool.path("onlineAgents").asInt(), pool.path("current").asBoolean()));
          }
        }));
  }

  private void switchPool() {
    ServiceModel service = model.selectedProperty().get();
    Pool pool = table.getSelectionModel().getSelectedItem();
    if (service == null || pool == null) {
      return;
    }
    Optional<String> key = askKey(service, pool);
    if (key.isEmpty()) {
      return;
    }
    busy.set(true);
    message.setText("Moving the " + service.role() + " service to pool " + pool.name()
        + ": sending kept results, then enrolling with the key…");
    links.linkOf(service).call(ControlApi.POOLS_SELECT, JsonNodeFactory.instance.objectNode()
        .put("pool", pool.name()).put("enrollmentKey", key.get()))
        .whenComplete((result, failure) -> Platform.runLater(() -> {
          busy.set(false);
          message.setText(failure == null ? "Moved from pool "
              + result.path("previousPool").asText() + " to pool "
              + result.path("pool").asText() + " as agent " + result.path("agentId").asText()
              + "; the job loop restarted." : "The move failed: "
              + ServiceActions.describe(failure));
          refresh();
        }));
  }

  /** Asks for the pool's enrollment key and a confirmation; empty when cancelled. */
  private Optional<String> askKey(ServiceModel service, Pool pool) {
    Dialog<String> dialog = new Dialog<>();
    dialog.setTitle("Switch pool");
    dialog.setHeaderText("Move the " + service.role() + " service from pool "
        + service.poolProperty().get() + " to pool " + pool.name() + "?");
    PasswordField key = new PasswordField();
    key.setId("enrollment-key");
    key.setPromptText("bhk_…");
    Label label = new Label("_Enrollment key of pool " + pool.name() + ":");
    label.setLabelFor(key);
    Label note = new Label("Running jobs are stopped and report first. The agent enrolls again"
        + " with the key; a rejected key keeps the current pool.");
    note.setWrapText(true);
    dialog.getDialogPane().setContent(new VBox(8, label, key, note));
    ButtonType move = new ButtonType("Move", ButtonType.OK.getButtonData());
    dialog.getDialogPane().getButtonTypes().addAll(move, ButtonType.CANCEL);
    dialog.getDialogPane().lookupButton(move).disableProperty()
        .bind(key.textProperty().isEmpty());
    dialog.setResultConverter(button -> button == move ? key.getText().strip() : null);
    Platform.runLater(key::requestFocus);
    return dialog.showAndWait();
  }
}

package io.bridgehead.console.view;

import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.model.ServiceState;
import io.bridgehead.console.system.SystemServices;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The dashboard's card of one service: its status, updated live, and its actions. */
final class ServiceCard extends VBox {
  private final ServiceModel service;
  private final Label state = new Label();

  ServiceCard(ServiceModel service, ServiceActions actions) {
    this.service = service;
    getStyleClass().add("service-card");
    setId("card-" + service.role());

    Label title = new Label(service.title());
    title.getStyleClass().add("card-title");
    Label module = new Label();
    module.getStyleClass().add("card-subtitle");
    module.textProperty().bind(service.moduleProperty());
    state.getStyleClass().add("state-badge");
    state.setMinWidth(Region.USE_PREF_SIZE);
    state.setId("state-" + service.role());
    state.textProperty().bind(Bindings.createStringBinding(
        () -> service.stateProperty().get().label(), service.stateProperty()));
    service.stateProperty().addListener((property, before, after) -> styleState(before, after));
    styleState(null, service.stateProperty().get());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(new VBox(title, module), spacer, state);
    header.getStyleClass().add("card-header");

    GridPane details = new GridPane();
    details.getStyleClass().add("card-details");
    int row = 0;
    addRow(details, row++, "Version", service.versionProperty());
    addRow(details, row++, "Pool", service.poolProperty());
    addRow(details, row++, "Agent", service.agentIdProperty());
    addRow(details, row++, "Tenant", Bindings.createStringBinding(() -> tenantText(),
        service.tenantUrlProperty(), service.tenantReachableProperty(),
        service.connectedProperty()));
    addRow(details, row++, "Last contact", service.lastContactProperty());
    addRow(details, row++, "Jobs", Bindings.createStringBinding(
        () -> service.jobsRunningProperty().get() + " running, "
            + service.jobsDoneTodayProperty().get() + " done today",
        service.jobsRunningProperty(), service.jobsDoneTodayProperty()));
    addRow(details, row++, "Last error", Bindings.createStringBinding(
        () -> service.lastErrorProperty().get().isEmpty() ? "none"
            : service.lastErrorProperty().get(), service.lastErrorProperty()));
    Label problem = addRow(details, row, "Connection", Bindings.createStringBinding(
        () -> service.connectedProperty().get() ? "connected as "
            + service.peerUserProperty().get()
            + (service.administratorProperty().get() ? " (administrator)" : " (read only)")
            : service.connectionProblemProperty().get(),
        service.connectedProperty(), service.peerUserProperty(),
        service.administratorProperty(), service.connectionProblemProperty()));
    problem.setId("connection-" + service.role());

    getChildren().addAll(header, details, actionBar(actions));
  }

  ServiceModel service() {
    return service;
  }

  private HBox actionBar(ServiceActions actions) {
    SimpleObjectProperty<ServiceModel> selected = new SimpleObjectProperty<>(service);
    Button restart = new Button("_Restart");
    restart.setId("restart-" + service.role());
    restart.setOnAction(event -> actions.restart(service));
    SystemServices system = actions.systemServices();
    BooleanBinding offline = Bindings.createBooleanBinding(
        () -> service.stateProperty().get() == ServiceState.OFFLINE, service.stateProperty());
    Button start = new Button("S_tart");
    start.setId("start-" + service.role());
    start.setOnAction(event -> actions.start(service));
    Button stop = new Button("Sto_p");
    stop.setId("stop-" + service.role());
    stop.setOnAction(event -> actions.stop(service));
    BooleanBinding canStart = offline.and(Bindings.createBooleanBinding(system::canControl));
    BooleanBinding canStop = offline.not().and(Bindings.createBooleanBinding(
        system::canControl));
    StringBinding startReason = Bindings.createStringBinding(() -> !system.canControl()
        ? system.reason() : "The service is running already.", offline);
    StringBinding stopReason = Bindings.createStringBinding(() -> !system.canControl()
        ? system.reason() : "The service is not running.", offline);
    HBox bar = new HBox(
        Gate.wrap(restart, Gate.mayChange(selected), Gate.changeReason(selected)),
        Gate.wrap(start, canStart, startReason),
        Gate.wrap(stop, canStop, stopReason));
    bar.getStyleClass().add("card-actions");
    return bar;
  }

  private String tenantText() {
    if (!service.connectedProperty().get()) {
      return "unknown";
    }
    return service.tenantUrlProperty().get() + ", "
        + (service.tenantReachableProperty().get() ? "reachable" : "unreachable");
  }

  private void styleState(ServiceState before, ServiceState after) {
    if (before != null) {
      state.getStyleClass().remove("state-" + before.label().replace(' ', '-'));
    }
    state.getStyleClass().add("state-" + after.label().replace(' ', '-'));
  }

  private static Label addRow(GridPane grid, int row, String name,
      ObservableValue<String> value) {
    Label label = new Label(name);
    label.getStyleClass().add("detail-name");
    Label text = new Label();
    text.getStyleClass().add("detail-value");
    text.setWrapText(true);
    text.textProperty().bind(value);
    label.setLabelFor(text);
    grid.addRow(row, label, text);
    return text;
  }
}

package io.bridgehead.console.view;

import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.ServiceModel;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;

/** The Dashboard page: a card per installed service, updated from status notifications. */
final class DashboardView extends ScrollPane {
  private final ConsoleModel model;
  private final ServiceActions actions;
  private final FlowPane cards = new FlowPane();
  /** One card per service, made once, because a card listens to its service for good. */
  private final Map<ServiceModel, ServiceCard> cardsByService = new HashMap<>();
  private final Label empty;

  DashboardView(ConsoleModel model, ServiceActions actions, String socketFolder) {
    this.model = model;
    this.actions = actions;
    this.empty = new Label("No Bridgehead service is installed: no socket or lock file of the"
        + " access, automation or provisioning role in " + socketFolder + ".");
    empty.setWrapText(true);
    empty.getStyleClass().add("empty-note");
    cards.getStyleClass().add("cards");
    setContent(cards);
    setFitToWidth(true);
    setId("dashboard");
    model.installed().addListener((ListChangeListener<ServiceModel>) change -> rebuild());
    rebuild();
  }

  private void rebuild() {
    if (model.installed().isEmpty()) {
      cards.getChildren().setAll(empty);
      return;
    }
    cards.getChildren().setAll(model.installed().stream()
        .map(service -> cardsByService.computeIfAbsent(service,
            key -> new ServiceCard(key, actions)))
        .toList());
  }
}

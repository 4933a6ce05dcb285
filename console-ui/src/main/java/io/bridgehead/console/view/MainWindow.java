package io.bridgehead.console.view;

import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.ServiceModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The console window: a header with the overall state and the service the pages act on, the
 * six pages as tabs (Ctrl+1 to Ctrl+6), and a status bar with the last action's outcome.
 */
public final class MainWindow {
  /** The pages in tab order, also used as node ids and in screenshot names. */
  public static final List<String> PAGES = List.of("Dashboard", "Jobs", "Logs", "Setup",
      "Pools", "Updates");
  private static final String STYLE_SHEET = "/io/bridgehead/console/console.css";

  private final Stage stage;
  private final TabPane tabs = new TabPane();
  private final Label notice = new Label();
  private final UpdatesView updates;

  public MainWindow(Stage stage, ConsoleModel model, ServiceLinks links, ServiceActions actions,
      String socketFolder, Path dataDir, List<Image> icons) {
    this.stage = stage;

    Label title = new Label("Bridgehead");
    title.getStyleClass().add("app-title");
    Label overall = new Label();
    overall.setId("overall-state");
    overall.getStyleClass().add("overall");
    overall.textProperty().bind(Bindings.createStringBinding(
        () -> model.overallProperty().get().summary(), model.overallProperty()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label serviceLabel = new Label("_Service:");
    ComboBox<ServiceModel> service = new ComboBox<>(model.installed());
    service.setId("service-choice");
    service.valueProperty().bindBidirectional(model.selectedProperty());
    // The combo box shows its prompt text, not the button cell, while no service is chosen.
    service.setPromptText("none installed");
    service.setButtonCell(new ServiceCell());
    service.setCellFactory(list -> new ServiceCell());
    serviceLabel.setLabelFor(service);
    serviceLabel.setMnemonicParsing(true);
    HBox header = new HBox(title, overall, spacer, serviceLabel, service);
    header.getStyleClass().add("header");

    updates = new UpdatesView(model, actions, dataDir);
    List<Node> pages = List.of(new DashboardView(model, actions, socketFolder),
        new JobsView(model, links), new LogsView(model, links, actions),
        new SetupView(model, links), new PoolsView(model, links), updates);
    for (int i = 0; i < PAGES.size(); i++) {
      Tab tab = new Tab(PAGES.get(i), pages.get(i));
      tab.setClosable(false);
      tab.setId("tab-" + PAGES.get(i).toLowerCase(Locale.ROOT));
      tabs.getTabs().add(tab);
    }
    tabs.setId("pages");
    tabs.getSelectionModel().selectedItemProperty().addListener((property, before, after) -> {
      if (before != null && before.getContent() instanceof Page page) {
        page.hidden();
      }
      if (after != null && after.getContent() instanceof Page page) {
        page.shown();
      }
    });

    notice.setWrapText(true);
    notice.getStyleClass().add("notice");
    notice.setManaged(false);
    notice.setVisible(false);
    Label status = new Label();
    status.setId("status-bar");
    status.getStyleClass().add("status-bar");
    status.textProperty().bind(actions.messageProperty());
    status.setMaxWidth(Double.MAX_VALUE);

    BorderPane root = new BorderPane(tabs, new VBox(header, notice), null, status, null);
    root.getStyleClass().add("console");
    Scene scene = new Scene(root, 980, 660);
    scene.getStylesheets().add(Objects.requireNonNull(
        MainWindow.class.getResource(STYLE_SHEET), STYLE_SHEET).toExternalForm());
    for (int i = 0; i < PAGES.size(); i++) {
      int index = i;
      scene.getAccelerators().put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)),
          KeyCombination.SHORTCUT_DOWN), () -> tabs.getSelectionModel().select(index));
    }
    stage.setScene(scene);
    stage.setTitle("Bridgehead console");
    stage.getIcons().setAll(icons);
    stage.setMinWidth(640);
    stage.setMinHeight(420);
  }

  public Stage stage() {
    return stage;
  }

  /** Shows the window, or brings it to the front when it is shown already. */
  public void show() {
    if (stage.isIconified()) {
      stage.setIconified(false);
    }
    stage.show();
    stage.toFront();
    stage.requestFocus();
  }

  /** Selects a page by its name in {@link #PAGES}. */
  public void showPage(String page) {
    int index = PAGES.indexOf(page);
    if (index < 0) {
      throw new IllegalArgumentException("no page '" + page + "'; pages: " + PAGES);
    }
    tabs.getSelectionModel().select(index);
  }

  /** Shows the Updates page and checks the selected service for updates. */
  public void checkUpdates() {
    show();
    showPage("Updates");
    updates.check();
  }

  /** Shows the Updates page and starts a repair, unless this user may not repair. */
  public void repair() {
    show();
    showPage("Updates");
    updates.repair();
  }

  /** Returns why this user cannot repair now; empty when Repair is enabled. */
  public String repairReason() {
    return updates.repairReasonProperty().get();
  }

  /** Shows a notice under the header, such as why there is no tray icon. */
  public void notice(String text) {
    notice.setText(text);
    notice.setManaged(true);
    notice.setVisible(true);
  }

  /** Shows a service as its role and state in the service choice. */
  private static final class ServiceCell extends ListCell<ServiceModel> {
    @Override
    protected void updateItem(ServiceModel item, boolean empty) {
      super.updateItem(item, empty);
      textProperty().unbind();
      if (empty || item == null) {
        setText("none installed");
        return;
      }
      textProperty().bind(Bindings.createStringBinding(() -> item.title() + " ("
          + item.stateProperty().get().label() + ")", item.stateProperty()));
    }
  }
}

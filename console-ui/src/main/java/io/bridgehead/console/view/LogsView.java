package io.bridgehead.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.ServiceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The Logs page: the last lines of the selected service's log, with a level filter and a
 * search. While the page is shown, it fetches the tail again after each status change of the
 * service, because the service logs most of the changes it reports.
 */
final class LogsView extends BorderPane implements Page {
  /** Lines fetched per tail, within the endpoint's maximum of 1000. */
  static final int LINES = 500;

  private final ConsoleModel model;
  private final ServiceLinks links;
  private final ObservableList<LogLevel.Line> lines = FXCollections.observableArrayList();
  private final FilteredList<LogLevel.Line> visible = new FilteredList<>(lines);
  private final ComboBox<LogLevel> level = new ComboBox<>();
  private final TextField search = new TextField();
  private final Label note = new Label();
  private boolean showing;

  LogsView(ConsoleModel model, ServiceLinks links, ServiceActions actions) {
    this.model = model;
    this.links = links;
    setId("logs");

    Label levelLabel = new Label("_Level:");
    level.setId("log-level");
    level.getItems().setAll(LogLevel.values());
    level.setValue(LogLevel.TRACE);
    level.setConverter(new StringConverter<>() {
      @Override
      public String toString(LogLevel value) {
        return value == null ? "" : value == LogLevel.TRACE ? "All levels"
            : value == LogLevel.ERROR ? "Errors" : value.name().charAt(0)
                + value.name().substring(1).toLowerCase(Locale.ROOT) + " and above";
      }

      @Override
      public LogLevel fromString(String text) {
        return LogLevel.TRACE;
      }
    });
    levelLabel.setLabelFor(level);
    levelLabel.setMnemonicParsing(true);
    Label searchLabel = new Label("_Search:");
    searchLabel.setLabelFor(search);
    searchLabel.setMnemonicParsing(true);
    search.setId("log-search");
    search.setPromptText("text in the line");
    HBox.setHgrow(search, Priority.ALWAYS);
    level.valueProperty().addListener((property, before, after) -> applyFilter());
    search.textProperty().addListener((property, before, after) -> applyFilter());

    Button refresh = new Button("_Refresh");
    refresh.setOnAction(event -> refresh());
    Button folder = new Button("Open log _folder");
    folder.setOnAction(event -> {
      ServiceModel service = model.selectedProperty().get();
      if (service != null) {
        actions.openLogFolder(service);
      }
    });
    HBox bar = new HBox(levelLabel, level, searchLabel, search,
        Gate.wrap(refresh, Gate.mayRead(model.selectedProperty()),
            Gate.readReason(model.selectedProperty())),
        Gate.wrap(folder, Gate.mayRead(model.selectedProperty()),
            Gate.readReason(model.selectedProperty())));
    bar.getStyleClass().add("page-bar");

    ListView<LogLevel.Line> list = new ListView<>(visible);
    list.setId("log-lines");
    list.getStyleClass().add("log-lines");
    list.setCellFactory(view -> new LogCell());
    list.setPlaceholder(new Label("No log lines to show."));
    note.getStyleClass().add("page-note");
    note.setWrapText(true);

    model.selectedProperty().addListener((property, before, after) -> {
      if (showing) {
        refresh();
      }
    });
    for (ServiceModel service : model.services()) {
      service.lastChangeProperty().addListener((property, before, after) -> {
        if (showing && service == model.selectedProperty().get()) {
          refresh();
        }
      });
      service.connectedProperty().addListener((property, before, connected) -> {
        if (showing && connected && service == model.selectedProperty().get()) {
          refresh();
        }
      });
    }
    setTop(bar);
    setCenter(list);
    setBottom(note);
  }

  @Override
  public void shown() {
    showing = true;
    refresh();
  }

  @Override
  public void hidden() {
    showing = false;
  }

  /** Fetches the tail of the selected service's log. */
  void refresh() {
    ServiceModel service = model.selectedProperty().get();
    if (service == null || !service.connectedProperty().get()) {
      return;
    }
    links.linkOf(service).call(ControlApi.LOGS_TAIL,
        JsonNodeFactory.instance.objectNode().put("lines", LINES))
        .whenComplete((result, failure) -> Platform.runLater(() -> {
          if (service != model.selectedProperty().get()) {
            return;
          }
          if (failure != null) {
            lines.clear();
            note.setText("The log cannot be shown: " + ServiceActions.describe(failure));
            return;
          }
          show(service, result);
        }));
  }

  private void show(ServiceModel service, JsonNode result) {
    List<String> text = new ArrayList<>();
    result.path("lines").forEach(line -> text.add(line.asText()));
    lines.setAll(LogLevel.classify(text));
    service.logFile(result.path("file").asText());
    note.setText(result.path("file").asText()
        + (result.path("truncated").asBoolean() ? " (earlier lines left out: longer than the"
            + " size limit)" : "") + ", last " + text.size() + " lines");
  }

  private void applyFilter() {
    LogLevel minimum = level.getValue() == null ? LogLevel.TRACE : level.getValue();
    String wanted = search.getText() == null ? "" : search.getText().toLowerCase(Locale.ROOT);
    visible.setPredicate(line -> line.level().atLeast(minimum)
        && (wanted.isEmpty() || line.text().toLowerCase(Locale.ROOT).contains(wanted)));
  }

  /** Shows a line with a style class per level, so warnings and errors stand out. */
  private static final class LogCell extends ListCell<LogLevel.Line> {
    @Override
    protected void updateItem(LogLevel.Line item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("log-error", "log-warn");
      if (empty || item == null) {
        setText(null);
        return;
      }
      setText(item.text());
      if (item.level() == LogLevel.ERROR) {
        getStyleClass().add("log-error");
      } else if (item.level() == LogLevel.WARN) {
        getStyleClass().add("log-warn");
      }
    }
  }
}

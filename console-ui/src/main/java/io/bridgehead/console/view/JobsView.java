package io.bridgehead.console.view;

import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.JobEntry;
import io.bridgehead.console.model.ServiceModel;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The Jobs page: the selected service's recent jobs, newest first. The list is fetched again
 * whenever the service reports a job that started or ended.
 */
final class JobsView extends BorderPane implements Page {
  private final ConsoleModel model;
  private final ServiceLinks links;
  private final TableView<JobEntry> table = new TableView<>();

  JobsView(ConsoleModel model, ServiceLinks links) {
    this.model = model;
    this.links = links;
    setId("jobs");
    table.setId("jobs-table");
    table.getColumns().add(column("Job", JobEntry::id, 200));
    table.getColumns().add(column("State", JobEntry::state, 100));
    table.getColumns().add(column("Started", JobEntry::startedText, 170));
    table.getColumns().add(column("Duration", JobEntry::durationText, 90));
    table.getColumns().add(column("Result", JobEntry::resultText, 320));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No jobs since the service started."));

    Button refresh = new Button("_Refresh");
    refresh.setOnAction(event -> shown());
    HBox bar = new HBox(Gate.wrap(refresh, Gate.mayRead(model.selectedProperty()),
        Gate.readReason(model.selectedProperty())));
    bar.getStyleClass().add("page-bar");

    model.selectedProperty().addListener((property, before, after) -> show(after));
    show(model.selectedProperty().get());
    setTop(bar);
    setCenter(table);
  }

  @Override
  public void shown() {
    ServiceModel service = model.selectedProperty().get();
    if (service != null && service.connectedProperty().get()) {
      links.linkOf(service).refreshJobs();
    }
  }

  private void show(ServiceModel service) {
    table.setItems(service == null ? FXCollections.observableArrayList() : service.jobs());
  }

  private static TableColumn<JobEntry, String> column(String title,
      Function<JobEntry, String> value, double width) {
    TableColumn<JobEntry, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}

package io.bridgehead.console.model;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's state: one {@link ServiceModel} per role, the services shown (the installed
 * ones), the service the pages act on, and the overall state for the tray.
 */
public final class ConsoleModel {
  private final List<ServiceModel> services;
  private final ObservableList<ServiceModel> installed = FXCollections.observableArrayList();
  private final ObjectProperty<ServiceModel> selected = new SimpleObjectProperty<>(this,
      "selected");
  private final ObjectBinding<OverallState> overall;

  public ConsoleModel(List<ServiceModel> services) {
    this.services = List.copyOf(services);
    List<Observable> dependencies = new ArrayList<>();
    for (ServiceModel service : this.services) {
      dependencies.add(service.stateProperty());
      dependencies.add(service.tenantReachableProperty());
      service.stateProperty().addListener((property, before, after) -> refreshInstalled());
    }
    overall = Bindings.createObjectBinding(() -> OverallState.of(
        this.services.stream().map(ServiceModel::snapshot).toList()),
        dependencies.toArray(Observable[]::new));
    refreshInstalled();
  }

  /** Returns every role's model, installed or not, in role order. */
  public List<ServiceModel> services() {
    return services;
  }

  /** The installed services in role order, kept current on the FX thread. */
  public ObservableList<ServiceModel> installed() {
    return FXCollections.unmodifiableObservableList(installed);
  }

  /** The service the Jobs, Logs, Setup, Pools and Updates pages act on. */
  public ObjectProperty<ServiceModel> selectedProperty() {
    return selected;
  }

  public ObjectBinding<OverallState> overallProperty() {
    return overall;
  }

  /** Returns the overall summary and one line per installed service, for the tray's tooltip. */
  public String summary() {
    StringBuilder text = new StringBuilder("Bridgehead: " + overall.get().summary());
    for (ServiceModel service : installed) {
      text.append('\n').append(service.title()).append(": ")
          .append(service.stateProperty().get().label());
      if (service.connectedProperty().get() && !service.tenantReachableProperty().get()) {
        text.append(", tenant unreachable");
      }
    }
    return text.toString();
  }

  private void refreshInstalled() {
    List<ServiceModel> now = services.stream()
        .filter(service -> service.stateProperty().get() != ServiceState.NOT_INSTALLED)
        .toList();
    if (!now.equals(installed)) {
      installed.setAll(now);
    }
    if (selected.get() == null || !installed.contains(selected.get())) {
      selected.set(installed.isEmpty() ? null : installed.get(0));
    }
  }
}

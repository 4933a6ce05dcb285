package io.bridgehead.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bridgehead.agent.control.ControlApi;
import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.system.CheckCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Setup page: the tenant connection, read-only, with a connection test, then the proxy and
 * the limits, each changed through {@code config.set} by an administrator. The proxy password
 * can only be set or cleared, because {@code config.get} returns only whether one is stored.
 */
final class SetupView extends VBox implements Page {
  /** The keys of {@code config.get} shown read-only, with their labels. */
  private static final Map<String, String> CONNECTION = labels(List.of(
      "tenantUrl", "Tenant URL", "fingerprint", "Certificate fingerprint",
      "caBundle", "CA bundle"));
  /** The proxy keys changed here, with their labels. */
  private static final Map<String, String> PROXY = labels(List.of(
      "proxy", "Proxy (none, system or http://HOST:PORT)",
      "proxyUser", "Proxy user (empty for none)"));
  private static final String PROXY_PASSWORD = "proxyPassword";
  /** The keys changed here, with their labels and units. */
  private static final Map<String, String> LIMITS = labels(List.of(
      "maxConcurrentJobs", "Maximum concurrent jobs (count)",
      "pollWait", "Long poll wait (such as 25s)",
      "retryInitial", "First retry delay (such as 1s)",
      "retryCap", "Maximum retry delay (such as 60s)",
      "maxPackageSize", "Largest update package (such as 256MiB)"));

  private final ConsoleModel model;
  private final ServiceLinks links;
  private final Map<String, TextField> fields = new LinkedHashMap<>();
  private final Label message = new Label();
  private final TextArea checkOutput = new TextArea();
  private final PasswordField proxyPassword = new PasswordField();
  /** The proxy password state that config.get returns: {@code set} or {@code not set}. */
  private final Label proxyPasswordState = new Label();

  SetupView(ConsoleModel model, ServiceLinks links) {
    this.model = model;
    this.links = links;
    setId("setup");
    getStyleClass().add("page");

    Label connectionTitle = new Label("Tenant connection");
    connectionTitle.getStyleClass().add("section-title");
    GridPane connection = new GridPane();
    connection.getStyleClass().add("form");
    int row = 0;
    for (Map.Entry<String, String> entry : CONNECTION.entrySet()) {
      TextField field = field(entry.getKey());
      field.setEditable(false);
      field.getStyleClass().add("read-only");
      GridPane.setHgrow(field, Priority.ALWAYS);
      Label label = new Label(entry.getValue());
      label.setLabelFor(field);
      connection.addRow(row++, label, field);
    }
    Button test = new Button("_Test connection");
    test.setId("test-connection");
    test.setOnAction(event -> testConnection(test));
    checkOutput.setEditable(false);
    checkOutput.setPrefRowCount(4);
    checkOutput.setWrapText(true);
    checkOutput.setId("check-output");
    checkOutput.setPromptText("Runs 'bridgehead check' and shows what it printed.");

    BooleanBinding mayChange = Gate.mayChange(model.selectedProperty());
    StringBinding reason = Gate.changeReason(model.selectedProperty());
    Label proxyTitle = new Label("Proxy");
    proxyTitle.getStyleClass().add("section-title");
    GridPane proxy = changeableForm(PROXY, mayChange, reason);
    addPasswordRow(proxy, PROXY.size(), mayChange, reason);

    Label limitsTitle = new Label("Limits");
    limitsTitle.getStyleClass().add("section-title");
    GridPane limits = changeableForm(LIMITS, mayChange, reason);
    message.setWrapText(true);
    message.setId("setup-message");
    message.getStyleClass().add("page-note");

    getChildren().addAll(connectionTitle, connection, new HBox(test), checkOutput,
        proxyTitle, proxy, limitsTitle, limits, message);
    model.selectedProperty().addListener((property, before, after) -> load());
    for (ServiceModel service : model.services()) {
      service.connectedProperty().addListener((property, before, connected) -> {
        if (connected && service == model.selectedProperty().get()) {
          load();
        }
      });
    }
  }

  /** Returns a form with a field and an Apply button for each key of {@code keys}. */
  private GridPane changeableForm(Map<String, String> keys, BooleanBinding mayChange,
      StringBinding reason) {
    GridPane form = new GridPane();
    form.getStyleClass().add("form");
    int row = 0;
    for (Map.Entry<String, String> entry : keys.entrySet()) {
      TextField field = field(entry.getKey());
      field.editableProperty().bind(mayChange);
      Label label = new Label(entry.getValue());
      label.setLabelFor(field);
      Button apply = new Button("Apply");
      apply.setId("apply-" + entry.getKey());
      apply.setOnAction(event -> set(entry.getKey(), field.getText()));
      field.setOnAction(event -> {
        if (mayChange.get()) {
          set(entry.getKey(), field.getText());
        }
      });
      form.addRow(row++, label, field, Gate.wrap(apply, mayChange, reason));
    }
    return form;
  }

  /**
   * Adds the proxy password row: an empty field that is never filled from the service, so
   * Apply stores what was typed, and Apply on an empty field clears the stored password.
   */
  private void addPasswordRow(GridPane form, int row, BooleanBinding mayChange,
      StringBinding reason) {
    proxyPassword.setId("config-" + PROXY_PASSWORD);
    proxyPassword.editableProperty().bind(mayChange);
    proxyPassword.setPromptText("empty clears the stored password");
    proxyPasswordState.setId("config-" + PROXY_PASSWORD + "-state");
    Label label = new Label("Proxy password");
    label.setLabelFor(proxyPassword);
    Button apply = new Button("Apply");
    apply.setId("apply-" + PROXY_PASSWORD);
    apply.setOnAction(event -> setProxyPassword());
    form.addRow(row, label, new HBox(8, proxyPassword, proxyPasswordState),
        Gate.wrap(apply, mayChange, reason));
  }

  private void setProxyPassword() {
    String password = proxyPassword.getText();
    proxyPassword.clear();
    set(PROXY_PASSWORD, password);
  }

  @Override
  public void shown() {
    load();
  }

  /** Fetches the selected service's configuration into the fields. */
  void load() {
    ServiceModel service = model.selectedProperty().get();
    if (service == null || !service.connectedProperty().get()) {
      fields.values().forEach(field -> field.setText(""));
      proxyPasswordState.setText("");
      return;
    }
    links.linkOf(service).call(ControlApi.CONFIG_GET, null)
        .whenComplete((config, failure) -> Platform.runLater(() -> {
          if (failure != null) {
            message.setText("Reading the configuration failed: "
                + ServiceActions.describe(failure));
          } else if (service == model.selectedProperty().get()) {
            show(config);
          }
        }));
  }

  private void show(JsonNode config) {
    fields.forEach((key, field) -> {
      JsonNode value = config.path(key);
      field.setText(value.isNull() || value.isMissingNode() ? "" : value.asText());
    });
    proxyPasswordState.setText(config.path(PROXY_PASSWORD).asText(""));
  }

  private void set(String key, String value) {
    ServiceModel service = model.selectedProperty().get();
    if (service == null) {
      return;
    }
    message.setText("Setting " + key + "; the service restarts its job loop…");
    links.linkOf(service).call(ControlApi.CONFIG_SET, JsonNodeFactory.instance.objectNode()
        .put("key", key).put("value", value))
        .whenComplete((result, failure) -> Platform.runLater(() -> {
          if (failure != null) {
            message.setText("Setting " + key + " failed: " + ServiceActions.describe(failure));
            load();
            return;
          }
          message.setText("Set " + key + " to " + result.path("value").asText() + " (was "
              + result.path("previous").asText() + "); the job loop restarted with it.");
          load();
        }));
  }

  private void testConnection(Button test) {
    ServiceModel service = model.selectedProperty().get();
    // The check reads the connection and proxy from the service's own data folder. Without
    // read access to that folder, the check fails with a message that names the file.
    List<String> arguments = service == null || service.dataFolderProperty().get().isEmpty()
        ? List.of() : List.of("--data", service.dataFolderProperty().get());
    Task<CheckCommand.Result> task = new Task<>() {
      @Override
      protected CheckCommand.Result call() throws Exception {
        return new CheckCommand(arguments).run();
      }
    };
    test.setDisable(true);
    checkOutput.setText("Running 'bridgehead check'…");
    task.setOnSucceeded(event -> {
      test.setDisable(false);
      CheckCommand.Result result = task.getValue();
      if (result.missing()) {
        checkOutput.setText("This installation has no 'bridgehead check' command yet, so the"
            + " console cannot test the connection. The Dashboard shows whether the service"
            + " reaches its tenant.");
      } else {
        checkOutput.setText((result.exitCode() == 0 ? "The check passed." : "The check failed"
            + " with exit code " + result.exitCode() + ".") + "\n" + result.output());
      }
    });
    task.setOnFailed(event -> {
      test.setDisable(false);
      checkOutput.setText("Running 'bridgehead check' failed: "
          + task.getException().getMessage());
    });
    Thread thread = new Thread(task, "console-check");
    thread.setDaemon(true);
    thread.start();
  }

  private TextField field(String key) {
    TextField field = new TextField();
    field.setId("config-" + key);
    field.setPrefColumnCount(40);
    fields.put(key, field);
    return field;
  }

  private static Map<String, String> labels(List<String> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      map.put(pairs.get(i), pairs.get(i + 1));
    }
    return map;
  }
}

package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.model.ConnectionMode;
import io.bridgehead.installer.wizard.model.FieldChecks;
import io.bridgehead.wire.EnrollmentString;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * The tenant connection: a pasted enrollment string, or the tenant URL, enrollment key and
 * optional fingerprint. "Test connection" runs the check; Next needs a passed check for the
 * current values, unless the operator chose to test through a proxy on the Proxy page.
 * A field's error shows once the field was edited, or for every field once the operator
 * chose to test later, because Next and Test stay disabled while a field is invalid.
 */
final class ConnectionPage extends WizardPage {

  ConnectionPage(WizardModel model, CommandRunner runner, Background background) {
    super("connection", "Tenant connection");
    ToggleGroup mode = new ToggleGroup();
    RadioButton byString = new RadioButton("Paste an enrollment string");
    byString.setId("modeEnrollmentString");
    RadioButton byUrl = new RadioButton("Enter the tenant URL and enrollment key");
    byUrl.setId("modeTenantUrl");
    byString.setToggleGroup(mode);
    byUrl.setToggleGroup(mode);
    (model.connection().get() == ConnectionMode.ENROLLMENT_STRING ? byString : byUrl)
        .setSelected(true);
    mode.selectedToggleProperty().addListener((observable, before, after) ->
        model.connection().set(after == byUrl ? ConnectionMode.TENANT_URL
            : ConnectionMode.ENROLLMENT_STRING));
    BooleanBinding stringMode = model.connection().isEqualTo(ConnectionMode.ENROLLMENT_STRING);

    PasswordField string = new PasswordField();
    string.setId("enrollmentString");
    string.textProperty().bindBidirectional(model.enrollmentString());
    StringBinding stringError = message(model.enrollmentString(), FieldChecks::enrollmentString);
    Label decoded = new Label();
    decoded.setId("enrollmentString-decoded");
    decoded.getStyleClass().add("hint");
    decoded.textProperty().bind(Bindings.createStringBinding(
        () -> describe(model.enrollmentString().get()), model.enrollmentString()));
    VBox stringFields = new VBox(4, caption("Enrollment string", string), string,
        errorLabel("enrollmentString", Bindings.when(stringMode)
            .then(afterEdit(model.enrollmentString(), stringError, model.testLater()))
            .otherwise("")),
        decoded);
    stringFields.disableProperty().bind(Bindings.not(stringMode));

    TextField url = new TextField();
    url.setId("tenantUrl");
    url.setPromptText("https://tenant.example.com");
    url.textProperty().bindBidirectional(model.tenantUrl());
    PasswordField key = new PasswordField();
    key.setId("enrollmentKey");
    key.textProperty().bindBidirectional(model.enrollmentKey());
    TextField fingerprint = new TextField();
    fingerprint.setId("fingerprint");
    fingerprint.setPromptText("optional: SHA-256 of a self-signed tenant certificate");
    fingerprint.textProperty().bindBidirectional(model.fingerprint());
    StringBinding urlError = message(model.tenantUrl(), FieldChecks::tenantUrl);
    StringBinding keyError = message(model.enrollmentKey(), FieldChecks::enrollmentKey);
    StringBinding fingerprintError = message(model.fingerprint(), FieldChecks::fingerprint);
    VBox urlFields = new VBox(4,
        caption("Tenant URL", url), url,
        errorLabel("tenantUrl", Bindings.when(stringMode).then("")
            .otherwise(afterEdit(model.tenantUrl(), urlError, model.testLater()))),
        caption("Enrollment key", key), key,
        errorLabel("enrollmentKey", Bindings.when(stringMode).then("")
            .otherwise(afterEdit(model.enrollmentKey(), keyError, model.testLater()))),
        caption("Certificate fingerprint (optional)", fingerprint), fingerprint,
        errorLabel("fingerprint", Bindings.when(stringMode).then("")
            .otherwise(afterEdit(model.fingerprint(), fingerprintError, model.testLater()))));
    urlFields.disableProperty().bind(stringMode);

    BooleanBinding fieldsValid = Bindings.when(stringMode)
        .then(Bindings.isEmpty(stringError))
        .otherwise(Bindings.isEmpty(urlError).and(Bindings.isEmpty(keyError))
            .and(Bindings.isEmpty(fingerprintError)));
    CheckPanel check = new CheckPanel("testConnection", "Test connection", model, fieldsValid,
        runner, background);
    Label proxy = new Label();
    proxy.getStyleClass().add("hint");
    proxy.textProperty().bind(Bindings.createStringBinding(
        () -> "The test uses the proxy setting '" + model.proxyMode().get().name()
            .toLowerCase(Locale.ROOT) + "'; change it on the Proxy page.",
        model.proxyMode()));
    CheckBox later = new CheckBox("This server reaches the tenant only through a proxy that"
        + " is not set yet: test on the Proxy page");
    later.setId("testLater");
    later.setWrapText(true);
    later.selectedProperty().bindBidirectional(model.testLater());

    add(byString, stringFields, byUrl, urlFields, check, proxy, later);
    setValid(fieldsValid.and(check.passed().or(model.testLater())));
  }

  /** Returns what a valid enrollment string contains, without its key, or "". */
  private static String describe(String text) {
    try {
      EnrollmentString parsed = EnrollmentString.decode(text);
      return "Tenant " + parsed.tenant() + ", certificate fingerprint "
          + abbreviate(parsed.fingerprint());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String abbreviate(String fingerprint) {
    return fingerprint.length() <= 23 ? fingerprint : fingerprint.substring(0, 23) + "\u2026";
  }
}

package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandRunner;
import io.bridgehead.installer.wizard.model.FieldChecks;
import io.bridgehead.installer.wizard.model.ProxyMode;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * The proxy page: no proxy, the proxy the environment names, or an explicit proxy with an
 * optional user and password. "Test" runs the check through the chosen proxy, and Next needs
 * a passed check for the current proxy and tenant.
 */
final class ProxyPage extends WizardPage {

  ProxyPage(WizardModel model, CommandRunner runner, Background background) {
    super("proxy", "Proxy");
    ToggleGroup mode = new ToggleGroup();
    RadioButton none = choice("proxyNone", "No proxy: connect to the tenant directly", mode);
    RadioButton system = choice("proxySystem", "The system's proxy: " + environmentProxy(),
        mode);
    RadioButton explicit = choice("proxyExplicit", "This proxy:", mode);
    switch (model.proxyMode().get()) {
      case NONE -> none.setSelected(true);
      case EXPLICIT -> explicit.setSelected(true);
      default -> system.setSelected(true);
    }
    mode.selectedToggleProperty().addListener((observable, before, after) ->
        model.proxyMode().set(after == none ? ProxyMode.NONE
            : after == explicit ? ProxyMode.EXPLICIT : ProxyMode.SYSTEM));
    BooleanBinding isExplicit = model.proxyMode().isEqualTo(ProxyMode.EXPLICIT);

    TextField url = new TextField();
    url.setId("proxyUrl");
    url.setPromptText("http://proxy.example.com:3128");
    url.textProperty().bindBidirectional(model.proxyUrl());
    TextField user = new TextField();
    user.setId("proxyUser");
    user.setPromptText("optional");
    user.textProperty().bindBidirectional(model.proxyUser());
    PasswordField password = new PasswordField();
    password.setId("proxyPassword");
    password.textProperty().bindBidirectional(model.proxyPassword());
    StringBinding urlError = message(model.proxyUrl(), FieldChecks::proxyUrl);
    StringBinding passwordError = message(model.proxyPassword(),
        text -> FieldChecks.proxyPassword(model.proxyUser().get(), text), model.proxyUser());
    VBox explicitFields = new VBox(4, caption("Proxy URL", url), url,
        errorLabel("proxyUrl", Bindings.when(isExplicit).then(urlError).otherwise("")),
        caption("User (optional)", user), user, caption("Password", password), password,
        errorLabel("proxyPassword",
            Bindings.when(isExplicit).then(passwordError).otherwise("")));
    explicitFields.getStyleClass().add("indented");
    explicitFields.disableProperty().bind(isExplicit.not());

    BooleanBinding fieldsValid = isExplicit.not()
        .or(Bindings.isEmpty(urlError).and(Bindings.isEmpty(passwordError)));
    CheckPanel check = new CheckPanel("testProxy", "Test", model, fieldsValid, runner,
        background);
    add(paragraph("Every call to the tenant (enrollment, work, checks) goes through this"
            + " proxy. Test it here: the test connects to the tenant through it."),
        none, system, explicit, explicitFields, check);
    setValid(fieldsValid.and(check.passed()));
  }

  private static RadioButton choice(String id, String text, ToggleGroup group) {
    RadioButton button = new RadioButton(text);
    button.setId(id);
    button.setMnemonicParsing(false);
    button.setToggleGroup(group);
    return button;
  }

  /** Returns what the environment sets, so the operator sees what "system" means here. */
  private static String environmentProxy() {
    String proxy = firstSet("https_proxy", "HTTPS_PROXY");
    if (proxy == null) {
      return "none set (https_proxy is empty)";
    }
    String noProxy = firstSet("no_proxy", "NO_PROXY");
    return "https_proxy=" + withoutUser(proxy)
        + (noProxy == null ? "" : ", no_proxy=" + noProxy);
  }

  private static String firstSet(String... names) {
    for (String name : names) {
      String value = System.getenv(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** Returns a proxy URL with any user and password replaced, so none shows on screen. */
  private static String withoutUser(String url) {
    int at = url.indexOf('@');
    int scheme = url.indexOf("://");
    return at < 0 ? url : url.substring(0, scheme < 0 ? 0 : scheme + 3) + "\u2026@"
        + url.substring(at + 1);
  }
}

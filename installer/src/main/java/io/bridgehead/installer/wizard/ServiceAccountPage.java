package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.account.AccountVerifier;
import io.bridgehead.installer.wizard.model.FieldChecks;
import io.bridgehead.installer.wizard.model.HostOs;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * The account the services run as. On Linux a system user name; on Windows LocalSystem or a
 * domain account with its password, checked by an {@link AccountVerifier} before Next.
 */
final class ServiceAccountPage extends WizardPage {
  private final BooleanProperty checking = new SimpleBooleanProperty(false);

  ServiceAccountPage(WizardModel model, AccountVerifier verifier, Background background) {
    super("serviceAccount", "Service account");
    if (model.os() == HostOs.LINUX) {
      buildLinux(model);
    } else {
      buildWindows(model, verifier, background);
    }
  }

  private void buildLinux(WizardModel model) {
    TextField user = new TextField();
    user.setId("serviceUser");
    user.textProperty().bindBidirectional(model.linuxUser());
    StringBinding error = message(model.linuxUser(), FieldChecks::linuxUser);
    add(paragraph("The services run as this system user. The installer creates it when it"
            + " does not exist and gives it the agent's data and log folders."),
        caption("Service user", user), user, errorLabel("serviceUser", error));
    if (model.root() != null) {
      add(paragraph("Test installation: the user is not created and no file changes owner."));
    }
    setValid(Bindings.isEmpty(error));
  }

  private void buildWindows(WizardModel model, AccountVerifier verifier,
      Background background) {
    ToggleGroup kind = new ToggleGroup();
    RadioButton system = new RadioButton("LocalSystem (the default)");
    system.setId("accountLocalSystem");
    RadioButton domain = new RadioButton("A domain account or group managed service account");
    domain.setId("accountDomain");
    system.setToggleGroup(kind);
    domain.setToggleGroup(kind);
    (model.windowsDomainAccount().get() ? domain : system).setSelected(true);
    model.windowsDomainAccount().bind(domain.selectedProperty());

    TextField account = new TextField();
    account.setId("domainAccount");
    account.setPromptText("DOMAIN\\name, or DOMAIN\\name$ for a group managed account");
    account.textProperty().bindBidirectional(model.domainAccount());
    PasswordField password = new PasswordField();
    password.setId("servicePassword");
    password.textProperty().bindBidirectional(model.servicePassword());
    StringBinding accountError = message(model.domainAccount(),
        FieldChecks::windowsDomainAccount);
    StringBinding passwordError = message(model.servicePassword(),
        text -> FieldChecks.windowsPassword(model.domainAccount().get(), text),
        model.domainAccount());
    BooleanBinding fieldsValid = Bindings.isEmpty(accountError)
        .and(Bindings.isEmpty(passwordError));
    BooleanBinding verified = Bindings.createBooleanBinding(
        () -> model.verifiedAccounts().contains(key(model)), model.domainAccount(),
        model.servicePassword(), model.verifiedAccounts());

    Label result = new Label();
    result.setId("checkAccount-result");
    result.setWrapText(true);
    Button check = new Button("Check account");
    check.setId("checkAccount");
    check.disableProperty().bind(fieldsValid.not().or(checking));
    check.setOnAction(event -> verify(model, verifier, background, result));
    model.domainAccount().addListener((observable, before, after) -> result.setText(""));
    model.servicePassword().addListener((observable, before, after) -> result.setText(""));

    VBox domainFields = new VBox(4, caption("Account", account), account,
        errorLabel("domainAccount", accountError), caption("Password", password), password,
        errorLabel("servicePassword", passwordError), check, result);
    domainFields.disableProperty().bind(domain.selectedProperty().not());
    add(paragraph("The services run as this account. A domain account needs the right to log"
            + " on as a service; it is checked before you go on."),
        system, domain, domainFields);
    setValid(domain.selectedProperty().not().or(fieldsValid.and(verified)));
  }

  private void verify(WizardModel model, AccountVerifier verifier, Background background,
      Label result) {
    String account = model.domainAccount().get();
    String password = model.servicePassword().get();
    String key = key(model);
    checking.set(true);
    result.setText("Checking " + account.trim() + "\u2026");
    Task<String> task = new Task<>() {
      @Override
      protected String call() {
        return verifier.verify(account, password);
      }
    };
    task.setOnSucceeded(event -> {
      checking.set(false);
      if (task.getValue().isEmpty()) {
        model.verifiedAccounts().add(key);
        result.setText(account.trim() + " can log on as a service.");
      } else {
        result.setText(task.getValue());
      }
    });
    task.setOnFailed(event -> {
      checking.set(false);
      result.setText("The check failed: " + task.getException().getMessage());
    });
    background.run(task);
  }

  private static String key(WizardModel model) {
    return model.domainAccount().get().trim() + "\n" + model.servicePassword().get();
  }
}

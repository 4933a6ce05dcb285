package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandLine;
import io.bridgehead.installer.wizard.command.CommandLines;
import io.bridgehead.installer.wizard.model.ConnectionMode;
import io.bridgehead.installer.wizard.model.HostOs;
import io.bridgehead.installer.wizard.model.InstallSettings;
import io.bridgehead.installer.wizard.model.ProxyMode;
import io.bridgehead.installer.wizard.model.WindowsAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * The values the operator entered on the wizard's pages, as JavaFX properties the pages bind to.
 * {@link #settings()} turns it into the plain values the command lines are built from. Used
 * on the JavaFX thread only.
 */
final class WizardModel {
  private final Path root;
  private final HostOs os;
  private final BooleanProperty licenseAccepted = new SimpleBooleanProperty(false);
  private final StringProperty installDir;
  private final ObjectProperty<ConnectionMode> connection =
      new SimpleObjectProperty<>(ConnectionMode.ENROLLMENT_STRING);
  private final StringProperty enrollmentString = new SimpleStringProperty("");
  private final StringProperty tenantUrl = new SimpleStringProperty("");
  private final StringProperty enrollmentKey = new SimpleStringProperty("");
  private final StringProperty fingerprint = new SimpleStringProperty("");
  private final BooleanProperty testLater = new SimpleBooleanProperty(false);
  private final BooleanProperty automation = new SimpleBooleanProperty(true);
  private final StringProperty linuxUser = new SimpleStringProperty("bridgehead");
  private final BooleanProperty windowsDomainAccount = new SimpleBooleanProperty(false);
  private final StringProperty domainAccount = new SimpleStringProperty("");
  private final StringProperty servicePassword = new SimpleStringProperty("");
  private final ObjectProperty<ProxyMode> proxyMode = new SimpleObjectProperty<>(ProxyMode.SYSTEM);
  private final StringProperty proxyUrl = new SimpleStringProperty("");
  private final StringProperty proxyUser = new SimpleStringProperty("");
  private final StringProperty proxyPassword = new SimpleStringProperty("");
  /** The check command lines that passed; a page is valid when its current line is here. */
  private final ObservableSet<CommandLine> passedChecks = FXCollections.observableSet();
  /** Windows accounts, as "account\npassword", that the account verifier accepted. */
  private final ObservableSet<String> verifiedAccounts = FXCollections.observableSet();
  private final ObjectBinding<InstallSettings> settings;

  WizardModel(Path root, HostOs os) {
    this.root = root;
    this.os = os;
    this.installDir = new SimpleStringProperty(os.defaultInstallDir());
    Observable[] inputs = {installDir, connection, enrollmentString, tenantUrl, enrollmentKey,
        fingerprint, automation, linuxUser, windowsDomainAccount, domainAccount,
        servicePassword, proxyMode, proxyUrl, proxyUser, proxyPassword};
    settings = Bindings.createObjectBinding(this::snapshot, inputs);
  }

  private InstallSettings snapshot() {
    List<String> modules = new ArrayList<>();
    if (automation.get()) {
      modules.add("automation");
    }
    String account = os == HostOs.LINUX ? linuxUser.get()
        : windowsDomainAccount.get() ? domainAccount.get() : WindowsAccount.LOCAL_SYSTEM;
    return new InstallSettings(root, os, installDir.get(), connection.get(),
        enrollmentString.get(), tenantUrl.get(), enrollmentKey.get(), fingerprint.get(),
        modules, account, servicePassword.get(), proxyMode.get(), proxyUrl.get(),
        proxyUser.get(), proxyPassword.get());
  }

  /** Returns the current settings; the binding changes whenever a field does. */
  ObjectBinding<InstallSettings> settings() {
    return settings;
  }

  /** Returns the check command line for the current settings, updated as they change. */
  ObjectBinding<CommandLine> checkLine() {
    return Bindings.createObjectBinding(() -> CommandLines.check(settings.get()), settings);
  }

  Path root() {
    return root;
  }

  HostOs os() {
    return os;
  }

  BooleanProperty licenseAccepted() {
    return licenseAccepted;
  }

  StringProperty installDir() {
    return installDir;
  }

  ObjectProperty<ConnectionMode> connection() {
    return connection;
  }

  StringProperty enrollmentString() {
    return enrollmentString;
  }

  StringProperty tenantUrl() {
    return tenantUrl;
  }

  StringProperty enrollmentKey() {
    return enrollmentKey;
  }

  StringProperty fingerprint() {
    return fingerprint;
  }

  BooleanProperty testLater() {
    return testLater;
  }

  BooleanProperty automation() {
    return automation;
  }

  StringProperty linuxUser() {
    return linuxUser;
  }

  BooleanProperty windowsDomainAccount() {
    return windowsDomainAccount;
  }

  StringProperty domainAccount() {
    return domainAccount;
  }

  StringProperty servicePassword() {
    return servicePassword;
  }

  ObjectProperty<ProxyMode> proxyMode() {
    return proxyMode;
  }

  StringProperty proxyUrl() {
    return proxyUrl;
  }

  StringProperty proxyUser() {
    return proxyUser;
  }

  StringProperty proxyPassword() {
    return proxyPassword;
  }

  ObservableSet<CommandLine> passedChecks() {
    return passedChecks;
  }

  ObservableSet<String> verifiedAccounts() {
    return verifiedAccounts;
  }
}

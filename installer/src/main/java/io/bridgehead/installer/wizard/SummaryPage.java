package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.model.ConnectionMode;
import io.bridgehead.installer.wizard.model.InstallSettings;
import io.bridgehead.installer.wizard.model.ProxyMode;
import io.bridgehead.wire.EnrollmentString;
import io.bridgehead.wire.Role;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.controlsfx.dialog.Wizard;

/** Every choice of the earlier pages in one table, secrets left out. */
final class SummaryPage extends WizardPage {
  private final WizardModel model;
  private final GridPane table = new GridPane();

  SummaryPage(WizardModel model) {
    super("summary", "Summary");
    this.model = model;
    table.setId("summaryTable");
    table.getStyleClass().add("summary");
    add(paragraph("Check these settings. Previous goes back to change them; Next shows the"
        + " command that installs with them."), table);
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    super.onEnteringPage(wizard);
    InstallSettings settings = model.settings().get();
    table.getChildren().clear();
    int row = 0;
    if (settings.root() != null) {
      row(row++, "Test root", settings.root().toString());
    }
    row(row++, "Install folder", settings.installDir());
    row(row++, "Tenant", tenant(settings));
    row(row++, "Enrollment", settings.connection() == ConnectionMode.ENROLLMENT_STRING
        ? "enrollment string (hidden)" : "enrollment key (hidden)");
    row(row++, "Modules", settings.modules().stream()
        .map(module -> Role.parse(module).moduleName()).collect(Collectors.joining(", ")));
    row(row++, "Service account", settings.serviceAccount()
        + (settings.sendsServicePassword() ? " (password hidden)" : ""));
    row(row++, "Proxy", proxy(settings));
    row(row, "Services", "registered and started; the console starts at log-in");
  }

  private void row(int index, String name, String value) {
    Label key = new Label(name);
    key.getStyleClass().add("summary-key");
    Label text = new Label(value);
    text.setWrapText(true);
    text.setId("summary-" + index);
    table.addRow(index, key, text);
  }

  private static String tenant(InstallSettings settings) {
    if (settings.connection() == ConnectionMode.TENANT_URL) {
      return settings.tenantUrl() + (settings.fingerprint().isEmpty()
          ? " (trusted through the system's certificates)" : " (certificate pinned)");
    }
    try {
      return EnrollmentString.decode(settings.enrollmentString()).tenant()
          + " (certificate pinned)";
    } catch (IllegalArgumentException e) {
      return "(the enrollment string is invalid)";
    }
  }

  private static String proxy(InstallSettings settings) {
    if (settings.proxyMode() != ProxyMode.EXPLICIT) {
      return settings.proxyMode() == ProxyMode.NONE ? "none: direct connection"
          : "the system's (https_proxy and no_proxy)";
    }
    return settings.proxyUrl() + (settings.proxyUser().isEmpty() ? ""
        : " as " + settings.proxyUser() + (settings.sendsProxyPassword()
            ? " (password hidden)" : ""));
  }
}

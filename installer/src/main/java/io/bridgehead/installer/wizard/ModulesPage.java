package io.bridgehead.installer.wizard;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The modules to install. Only Service Automation can be installed in this version; the
 * other two are shown, disabled, with the reason.
 */
final class ModulesPage extends WizardPage {
  private static final String NOT_AVAILABLE = "Not available in this version.";

  ModulesPage(WizardModel model) {
    super("modules", "Modules");
    CheckBox automation = new CheckBox("Service Automation");
    automation.setId("moduleAutomation");
    automation.selectedProperty().bindBidirectional(model.automation());
    Label automationError = new Label("Select Service Automation: it is the only module"
        + " this version installs.");
    automationError.setId("moduleAutomation-error");
    automationError.getStyleClass().add("field-error");
    automationError.visibleProperty().bind(model.automation().not());
    automationError.managedProperty().bind(automationError.visibleProperty());
    add(paragraph("Each module runs as its own service, so each can be stopped, restarted"
            + " and recovered alone."),
        module(automation, "Runs the tenant's tasks: PowerShell or shell scripts with input"
            + " variables and a structured result."),
        automationError,
        module(unavailable("moduleAccess", "Access Management"), "Directory sync from Active"
            + " Directory and user authentication for the tenant. " + NOT_AVAILABLE),
        module(unavailable("moduleProvisioning", "Provisioning"), "Source imports and target"
            + " account actions through connector scripts. " + NOT_AVAILABLE));
    setValid(model.automation());
  }

  private static CheckBox unavailable(String id, String name) {
    CheckBox box = new CheckBox(name);
    box.setId(id);
    box.setSelected(false);
    box.setDisable(true);
    return box;
  }

  private static VBox module(CheckBox box, String description) {
    Label text = paragraph(description);
    text.getStyleClass().add("module-description");
    text.setDisable(box.isDisabled());
    VBox group = new VBox(2, box, text);
    group.getStyleClass().add("module");
    return group;
  }
}

package io.bridgehead.installer.wizard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The license text and the box that accepts it; the install passes --accept-license. */
final class LicensePage extends WizardPage {
  /** The license text in the assets module. */
  static final String LICENSE = "/io/bridgehead/assets/LICENSE.txt";

  LicensePage(WizardModel model) {
    super("license", "License");
    TextArea text = new TextArea(readLicense());
    text.setId("licenseText");
    text.setEditable(false);
    text.setWrapText(true);
    VBox.setVgrow(text, Priority.ALWAYS);
    CheckBox accept = new CheckBox("I accept the license");
    accept.setId("licenseAccept");
    accept.selectedProperty().bindBidirectional(model.licenseAccepted());
    add(text, accept);
    setValid(model.licenseAccepted());
  }

  private static String readLicense() {
    try (InputStream in = LicensePage.class.getResourceAsStream(LICENSE)) {
      if (in == null) {
        return "The license text " + LICENSE + " is missing from this build.";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "The license text " + LICENSE + " could not be read: " + e.getMessage();
    }
  }
}

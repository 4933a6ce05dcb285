package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.model.FieldChecks;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;

/** The install folder, checked to be absolute with a parent the installer can write to. */
final class InstallFolderPage extends WizardPage {

  InstallFolderPage(WizardModel model) {
    super("installFolder", "Install folder");
    TextField folder = new TextField();
    folder.setId("installDir");
    folder.textProperty().bindBidirectional(model.installDir());
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button browse = new Button("Browse\u2026");
    browse.setOnAction(event -> browse(model));
    StringBinding error = message(model.installDir(),
        text -> FieldChecks.installFolder(text, model.os(), model.root()));
    add(paragraph("The program files go into this folder, one subfolder per version, with"
            + " 'current' pointing at the running one. The agent's data and logs go to the"
            + " system's data and log folders."),
        caption("Install folder", folder), new HBox(8, folder, browse),
        errorLabel("installDir", error));
    if (model.root() != null) {
      add(paragraph("Test installation: the folder is created inside " + model.root() + "."));
    }
    setValid(Bindings.isEmpty(error));
  }

  private void browse(WizardModel model) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Choose the install folder");
    File chosen = chooser.showDialog(getScene().getWindow());
    if (chosen != null) {
      model.installDir().set(chosen.getAbsolutePath());
    }
  }
}

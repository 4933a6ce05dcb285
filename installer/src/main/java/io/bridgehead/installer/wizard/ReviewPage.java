package io.bridgehead.installer.wizard;

import io.bridgehead.installer.wizard.command.CommandLine;
import io.bridgehead.installer.wizard.command.CommandLines;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import org.controlsfx.dialog.Wizard;

/**
 * The command the install runs, with the secrets it reads from standard input masked, and a
 * button that copies it for unattended installs elsewhere. Both leave out {@code --progress},
 * which the wizard adds to read the install's progress lines.
 */
final class ReviewPage extends WizardPage {
  /** The program name shown in the command: what an operator types. */
  static final String PROGRAM = "bridgehead";

  private final WizardModel model;
  private final TextArea command = new TextArea();
  private final Label copied = new Label();

  ReviewPage(WizardModel model) {
    super("review", "Review the install command");
    this.model = model;
    command.setId("commandLine");
    command.setEditable(false);
    command.setWrapText(true);
    command.setPrefRowCount(9);
    command.getStyleClass().add("command");
    Button copy = new Button("Copy");
    copy.setId("copyCommand");
    copy.setOnAction(event -> copy());
    copied.setId("copyCommand-result");
    add(paragraph("Next runs this command, with --progress added so the wizard can follow"
            + " it. It reads the secrets from standard input, so"
            + " they never appear on a command line or in the process list."),
        command, new HBox(8, copy, copied),
        paragraph("To install another server the same way, run the command there and give it"
            + " the hidden values on standard input, one line each, in the order listed."));
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    super.onEnteringPage(wizard);
    copied.setText("");
    CommandLine line = CommandLines.installForOperator(model.settings().get());
    StringBuilder text = new StringBuilder(line.display(PROGRAM));
    for (String input : line.maskedInput()) {
      text.append("\n").append(input);
    }
    command.setText(text.toString());
  }

  private void copy() {
    ClipboardContent content = new ClipboardContent();
    content.putString(CommandLines.installForOperator(model.settings().get()).display(PROGRAM));
    Clipboard.getSystemClipboard().setContent(content);
    copied.setText("Copied the command, without the hidden values.");
  }
}

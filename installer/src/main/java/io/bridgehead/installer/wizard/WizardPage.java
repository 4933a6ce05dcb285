package io.bridgehead.installer.wizard;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * One page of the installation wizard: a header, a column of content and a validity that
 * keeps Next disabled until the page is complete. Each page builds its view in its
 * constructor: create the parts, lay them out, bind them to the model.
 */
abstract class WizardPage extends WizardPane {
  /** The page size; every page has the same one, so the window does not jump. */
  static final double WIDTH = 800;
  static final double HEIGHT = 600;

  private final VBox body = new VBox();
  private final Label stepLabel = new Label();
  private ObservableBooleanValue valid = new SimpleBooleanProperty(true);

  WizardPage(String id, String title) {
    setId(id);
    // A header node of its own, because ControlsFX's style sheet puts a graphic into the
    // standard header that a page cannot replace.
    Label titleLabel = new Label(title);
    titleLabel.getStyleClass().add("page-title");
    stepLabel.getStyleClass().add("step-number");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox header = new HBox(titleLabel, gap, stepLabel);
    header.getStyleClass().add("page-header");
    setHeader(header);
    getStylesheets().add(WizardPage.class.getResource("wizard.css").toExternalForm());
    getStyleClass().add("bridgehead-page");
    body.getStyleClass().add("page-body");
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("page-scroll");
    setContent(scroll);
    setPrefSize(WIDTH, HEIGHT);
    setMinSize(WIDTH, HEIGHT);
  }

  /** Returns whether the page is complete; Next is enabled only while it is. */
  ObservableBooleanValue valid() {
    return valid;
  }

  /** Sets what makes the page complete; a page that never calls this is always complete. */
  void setValid(ObservableBooleanValue validity) {
    valid = validity;
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    wizard.invalidProperty().bind(Bindings.not(valid()));
  }

  @Override
  public void onExitingPage(Wizard wizard) {
    wizard.invalidProperty().unbind();
  }

  /** Sets the page's place in the wizard, shown in the header as "Step 3 of 11". */
  void setStep(int number, int total) {
    stepLabel.setText("Step " + number + " of " + total);
  }

  /** Adds nodes to the page's column, top to bottom. */
  void add(Node... nodes) {
    body.getChildren().addAll(nodes);
  }

  /** Returns a paragraph of wrapped text. */
  static Label paragraph(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.getStyleClass().add("paragraph");
    return label;
  }

  /** Returns a label for a field, linked to it for keyboard access. */
  static Label caption(String text, Node field) {
    Label label = new Label(text);
    label.setLabelFor(field);
    label.getStyleClass().add("caption");
    return label;
  }

  /**
   * Returns a message label that shows what is wrong with a field, empty and hidden while the
   * field is valid. Its id is the field's id with "-error" appended, for tests.
   */
  static Label errorLabel(String fieldId, ObservableStringValue message) {
    Label label = new Label();
    label.setId(fieldId + "-error");
    label.setWrapText(true);
    label.getStyleClass().add("field-error");
    label.textProperty().bind(message);
    label.visibleProperty().bind(Bindings.isNotEmpty(message));
    label.managedProperty().bind(label.visibleProperty());
    return label;
  }

  /**
   * Returns {@code message} once {@code field} has changed or while {@code showAll} is true,
   * and "" before, so a field that starts empty shows no error until the operator edits it.
   */
  static StringBinding afterEdit(ObservableValue<?> field, ObservableStringValue message,
      ObservableBooleanValue showAll) {
    BooleanProperty edited = new SimpleBooleanProperty(false);
    field.addListener((observable, before, after) -> edited.set(true));
    return Bindings.when(edited.or(showAll)).then(message).otherwise("");
  }

  /** Returns a binding of a field check's message, or "" while the check passes. */
  static <T> StringBinding message(ObservableValue<T> value,
      Function<T, Optional<String>> check, Observable... more) {
    Observable[] all = new Observable[more.length + 1];
    all[0] = value;
    System.arraycopy(more, 0, all, 1, more.length);
    return Bindings.createStringBinding(() -> check.apply(value.getValue()).orElse(""), all);
  }

  /** Returns this page's button of a kind, such as Previous, or null when it has none. */
  Button button(ButtonData kind) {
    for (ButtonType type : getButtonTypes()) {
      if (type.getButtonData() == kind) {
        return (Button) lookupButton(type);
      }
    }
    return null;
  }

  /** Shows or hides this page's Previous button. */
  void showPrevious(boolean show) {
    Button previous = button(ButtonData.BACK_PREVIOUS);
    if (previous != null) {
      previous.setVisible(show);
      previous.setManaged(show);
    }
  }
}

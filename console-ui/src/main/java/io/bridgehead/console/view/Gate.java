package io.bridgehead.console.view;

import io.bridgehead.console.model.ServiceModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * Keeps an action visible but disabled while it is not allowed, with the reason as its
 * tooltip. JavaFX shows no tooltip on a disabled control, so the tooltip goes on a wrapper.
 */
public final class Gate {
  /** Style class of the wrapper, so tests and the style sheet can find it. */
  public static final String WRAPPER_STYLE = "gate";

  private Gate() {}

  /**
   * Wraps {@code control}, disables it while {@code allowed} is false and shows
   * {@code reason} as the wrapper's tooltip meanwhile.
   */
  public static StackPane wrap(Control control, ObservableBooleanValue allowed,
      ObservableStringValue reason) {
    StackPane wrapper = new StackPane(control);
    wrapper.getStyleClass().add(WRAPPER_STYLE);
    control.disableProperty().bind(Bindings.not(allowed));
    Tooltip tooltip = new Tooltip();
    tooltip.textProperty().bind(reason);
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(420);
    Runnable update = () -> {
      if (allowed.get()) {
        Tooltip.uninstall(wrapper, tooltip);
        control.setAccessibleHelp(null);
      } else {
        Tooltip.install(wrapper, tooltip);
        control.setAccessibleHelp(reason.get());
      }
    };
    allowed.addListener((property, before, after) -> update.run());
    reason.addListener((property, before, after) -> update.run());
    update.run();
    return wrapper;
  }

  /** Returns whether the selected service is connected and lets this user change it. */
  public static BooleanBinding mayChange(ObjectProperty<ServiceModel> selected) {
    return Bindings.createBooleanBinding(() -> {
      ServiceModel service = selected.get();
      return service != null && service.connectedProperty().get()
          && service.administratorProperty().get();
    }, selected, Bindings.selectBoolean(selected, "connected"),
        Bindings.selectBoolean(selected, "administrator"));
  }

  /** Returns whether the selected service is connected, for actions that only read. */
  public static BooleanBinding mayRead(ObjectProperty<ServiceModel> selected) {
    return Bindings.createBooleanBinding(() -> selected.get() != null
        && selected.get().connectedProperty().get(), selected,
        Bindings.selectBoolean(selected, "connected"));
  }

  /** Returns why a change is not allowed now, for the tooltip. */
  public static StringBinding changeReason(ObjectProperty<ServiceModel> selected) {
    return Bindings.createStringBinding(() -> reason(selected.get()), selected,
        Bindings.selectBoolean(selected, "connected"),
        Bindings.selectBoolean(selected, "administrator"),
        Bindings.selectString(selected, "peerUser"));
  }

  /** Returns why reading is not possible now, for the tooltip. */
  public static StringBinding readReason(ObjectProperty<ServiceModel> selected) {
    return Bindings.createStringBinding(() -> selected.get() == null ? noService()
        : "The " + selected.get().role() + " service is not running, so the console cannot"
            + " reach it.", selected, Bindings.selectBoolean(selected, "connected"));
  }

  /** Returns why a change to {@code service} is not allowed; empty when it is. */
  public static String reason(ServiceModel service) {
    if (service == null) {
      return noService();
    }
    if (!service.connectedProperty().get()) {
      return "The " + service.role() + " service is not running, so the console cannot"
          + " reach it.";
    }
    if (!service.administratorProperty().get()) {
      return "Needs an administrator: the " + service.role() + " service identified you as "
          + service.peerUserProperty().get() + ", who may only read. Run the console as root"
          + " (as an administrator on Windows).";
    }
    return "";
  }

  /** Marks a node for assistive technology and keyboard users with a help text. */
  static <T extends Node> T help(T node, String text) {
    node.setAccessibleHelp(text);
    return node;
  }

  private static String noService() {
    return "No Bridgehead service is installed.";
  }
}

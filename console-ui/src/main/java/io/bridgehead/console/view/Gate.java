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
  /** The key under which a wrapper's properties keep its tooltip while it is installed. */
  private static final String TOOLTIP_KEY = Gate.class.getName() + ".tooltip";

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
        wrapper.getProperties().remove(TOOLTIP_KEY);
        control.setAccessibleHelp(null);
      } else {
        Tooltip.install(wrapper, tooltip);
        wrapper.getProperties().put(TOOLTIP_KEY, tooltip);
        control.setAccessibleHelp(reason.get());
      }
    };
    allowed.addListener((property, before, after) -> update.run());
    reason.addListener((property, before, after) -> update.run());
    update.run();
    return wrapper;
  }

  /** Returns the tooltip a wrapper from {@link #wrap} shows now, or null when it shows none. */
  public static Tooltip tooltipOf(Node wrapper) {
    return (Tooltip) wrapper.getProperties().get(TOOLTIP_KEY);
  }

  /** Returns whether the selected service is connected and lets this user change it. */
  public static BooleanBinding mayChange(ObjectProperty<ServiceModel> selected) {
    BooleanBinding connected = Bindings.selectBoolean(selected, "connected");
    BooleanBinding administrator = Bindings.selectBoolean(selected, "administrator");
    // The select bindings are read in the function, not only listed: a binding that is never
    // read stays invalid and reports no further change.
    return Bindings.createBooleanBinding(() -> selected.get() != null && connected.get()
        && administrator.get(), selected, connected, administrator);
  }

  /** Returns whether the selected service is connected, for actions that only read. */
  public static BooleanBinding mayRead(ObjectProperty<ServiceModel> selected) {
    BooleanBinding connected = Bindings.selectBoolean(selected, "connected");
    return Bindings.createBooleanBinding(() -> selected.get() != null && connected.get(),
        selected, connected);
  }

  /** Returns why a change is not allowed now, for the tooltip. */
  public static StringBinding changeReason(ObjectProperty<ServiceModel> selected) {
    BooleanBinding connected = Bindings.selectBoolean(selected, "connected");
    BooleanBinding administrator = Bindings.selectBoolean(selected, "administrator");
    StringBinding user = Bindings.selectString(selected, "peerUser");
    return Bindings.createStringBinding(() -> {
      connected.get();
      administrator.get();
      user.get();
      return reason(selected.get());
    }, selected, connected, administrator, user);
  }

  /** Returns why reading is not possible now, for the tooltip. */
  public static StringBinding readReason(ObjectProperty<ServiceModel> selected) {
    BooleanBinding connected = Bindings.selectBoolean(selected, "connected");
    return Bindings.createStringBinding(() -> {
      connected.get();
      return selected.get() == null ? noService() : "The " + selected.get().role()
          + " service is not running, so the console cannot reach it.";
    }, selected, connected);
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

package io.bridgehead.console.tray;

import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.OverallState;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.model.ServiceState;
import io.bridgehead.console.view.Gate;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon: its image and tooltip follow the overall state, and its menu opens the
 * console and runs the shared actions. AWT menus have no tooltips, so a disabled item carries
 * its reason in its label. AWT events arrive on the AWT event thread and are handed to the FX
 * thread; model changes go the other way.
 */
public final class ConsoleTray {
  private static final Logger log = LoggerFactory.getLogger(ConsoleTray.class);
  /** The maximum length of a reason in a menu label, in characters. */
  private static final int MAX_SHORT_REASON = 48;

  /** The actions behind the menu items; every method is called on the FX thread. */
  public interface Actions {
    void open();

    void restart(ServiceModel service);

    void start(ServiceModel service);

    void stop(ServiceModel service);

    /** Returns why start and stop are disabled; empty when they are allowed. */
    String startStopReason();

    void checkUpdates();

    void repair();

    /** Returns why Repair is disabled; empty when this user may repair. */
    String repairReason();

    void openLogFolder();

    void exit();
  }

  private final ConsoleModel model;
  private final Actions actions;
  private TrayIcon icon;

  private ConsoleTray(ConsoleModel model, Actions actions) {
    this.model = model;
    this.actions = actions;
  }

  /** Returns whether this desktop has a system tray; false without a display. */
  public static boolean supported() {
    if (GraphicsEnvironment.isHeadless()) {
      return false;
    }
    try {
      return SystemTray.isSupported();
    } catch (RuntimeException | Error e) {
      log.info("Checking for a system tray failed: {}", e.toString());
      return false;
    }
  }

  /**
   * Adds the tray icon; call on the FX thread after checking {@link #supported()}.
   *
   * @throws AWTException when the desktop rejects the icon
   */
  public static ConsoleTray install(ConsoleModel model, Actions actions) throws AWTException {
    ConsoleTray tray = new ConsoleTray(model, actions);
    tray.add();
    return tray;
  }

  /** Removes the icon. */
  public void remove() {
    EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
  }

  private void add() throws AWTException {
    SystemTray tray = SystemTray.getSystemTray();
    int pixels = tray.getTrayIconSize().height;
    icon = new TrayIcon(TrayIcons.trayImage(model.overallProperty().get(), pixels),
        model.summary());
    icon.setImageAutoSize(true);
    icon.addActionListener(event -> Platform.runLater(actions::open));
    tray.add(icon);
    model.overallProperty().addListener((property, before, after) -> refresh());
    for (ServiceModel service : model.services()) {
      service.stateProperty().addListener((property, before, after) -> refresh());
      service.tenantReachableProperty().addListener((property, before, after) -> refresh());
      service.administratorProperty().addListener((property, before, after) -> refresh());
    }
    model.installed().addListener((ListChangeListener<ServiceModel>) change -> refresh());
    refresh();
  }

  /** Rebuilds the image, tooltip and menu from the model; runs on the FX thread. */
  private void refresh() {
    OverallState state = model.overallProperty().get();
    String tooltip = model.summary();
    List<MenuSpec> specs = menu();
    int pixels = SystemTray.getSystemTray().getTrayIconSize().height;
    EventQueue.invokeLater(() -> {
      icon.setImage(TrayIcons.trayImage(state, pixels));
      icon.setToolTip(tooltip);
      icon.setPopupMenu(build(specs));
    });
  }

  /** One menu entry, made on the FX thread and turned into AWT items on the AWT thread. */
  private record MenuSpec(String label, boolean enabled, Runnable action, List<MenuSpec> items) {
    static MenuSpec item(String label, boolean enabled, Runnable action) {
      return new MenuSpec(label, enabled, action, List.of());
    }
  }

  private List<MenuSpec> menu() {
    List<MenuSpec> specs = new ArrayList<>();
    specs.add(MenuSpec.item("Open console", true, actions::open));
    String startStop = actions.startStopReason();
    for (ServiceModel service : model.installed()) {
      String changeReason = Gate.reason(service);
      boolean offline = service.stateProperty().get() == ServiceState.OFFLINE;
      specs.add(new MenuSpec(service.title() + " service", true, null, List.of(
          MenuSpec.item(label("Restart", changeReason), changeReason.isEmpty(),
              () -> actions.restart(service)),
          MenuSpec.item(label("Start", startStop), startStop.isEmpty() && offline,
              () -> actions.start(service)),
          MenuSpec.item(label("Stop", startStop), startStop.isEmpty() && !offline,
              () -> actions.stop(service)))));
    }
    ServiceModel selected = model.selectedProperty().get();
    String readReason = selected == null ? "no service installed"
        : selected.connectedProperty().get() ? "" : "service not running";
    String repairReason = actions.repairReason();
    specs.add(MenuSpec.item(label("Check for updates", readReason), readReason.isEmpty(),
        actions::checkUpdates));
    specs.add(MenuSpec.item(label("Repair", repairReason), repairReason.isEmpty(),
        actions::repair));
    specs.add(MenuSpec.item(label("Open log folder", readReason), readReason.isEmpty(),
        actions::openLogFolder));
    specs.add(MenuSpec.item("Exit", true, actions::exit));
    return specs;
  }

  /** Returns a label with a short reason in brackets when the item is disabled. */
  private static String label(String text, String reason) {
    if (reason.isEmpty()) {
      return text;
    }
    String shortReason;
    if (reason.startsWith("Needs an administrator")) {
      shortReason = "needs an administrator";
    } else if (reason.contains("needs root")) {
      shortReason = "needs root";
    } else if (reason.contains("not running")) {
      shortReason = "service not running";
    } else if (reason.startsWith("No Bridgehead service")) {
      shortReason = "no service installed";
    } else {
      // The first clause of the reason; the window's tooltips show it whole.
      String clause = reason.split("[;,.]", 2)[0].strip();
      shortReason = clause.length() <= MAX_SHORT_REASON ? clause : "not available";
    }
    return text + " (" + shortReason + ")";
  }

  private static PopupMenu build(List<MenuSpec> specs) {
    PopupMenu popup = new PopupMenu();
    for (MenuSpec spec : specs) {
      popup.add(toItem(spec));
    }
    return popup;
  }

  private static MenuItem toItem(MenuSpec spec) {
    if (!spec.items().isEmpty()) {
      Menu menu = new Menu(spec.label());
      spec.items().forEach(item -> menu.add(toItem(item)));
      return menu;
    }
    MenuItem item = new MenuItem(spec.label());
    item.setEnabled(spec.enabled());
    item.addActionListener(event -> Platform.runLater(spec.action()));
    return item;
  }
}

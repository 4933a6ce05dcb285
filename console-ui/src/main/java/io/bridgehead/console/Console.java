package io.bridgehead.console;

import io.bridgehead.agent.control.ControlDirectory;
import io.bridgehead.console.action.ServiceActions;
import io.bridgehead.console.ipc.ServiceLinks;
import io.bridgehead.console.model.ConsoleModel;
import io.bridgehead.console.model.OverallState;
import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.notify.Notifier;
import io.bridgehead.console.system.SystemServices;
import io.bridgehead.console.tray.ConsoleTray;
import io.bridgehead.console.tray.TrayIcons;
import io.bridgehead.console.view.MainWindow;
import java.awt.AWTException;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the console: it makes the links, the model, the window, the tray
 * icon and the notifications, and wires them together. Make it and call its methods on the
 * FX thread.
 *
 * <pre>{@code
 * Console console = new Console(options, stage, SystemServices.forCurrentPlatform(), onExit);
 * console.start();
 * }</pre>
 */
public final class Console {
  /** Shown once when the desktop has no system tray. */
  static final String NO_TRAY = "This desktop has no system tray, so the console runs as a"
      + " normal window; closing it exits the console.";

  private static final Logger log = LoggerFactory.getLogger(Console.class);

  private final ServiceLinks links;
  private final ConsoleModel model;
  private final Notifier notifier = new Notifier();
  private final ServiceActions actions;
  private final MainWindow window;
  private final Runnable onExit;
  private final ConsoleOptions options;
  private ConsoleTray tray;
  private boolean exited;

  /**
   * Builds the console without connecting.
   *
   * @param onExit runs once after {@link #exit()} closed everything, on the FX thread
   */
  public Console(ConsoleOptions options, Stage stage, SystemServices systemServices,
      Runnable onExit) {
    this.onExit = onExit;
    this.options = options;
    this.links = new ServiceLinks(options.socketDirectory(), Platform::runLater);
    this.model = new ConsoleModel(links.models());
    this.actions = new ServiceActions(links, systemServices, notifier, Platform::runLater);
    String socketFolder = options.socketDirectory() != null
        ? options.socketDirectory().toString()
        : ControlDirectory.defaultDirectory() + " or " + ControlDirectory.SYSTEM;
    this.window = new MainWindow(stage, model, links, actions, socketFolder, options.dataDir(),
        TrayIcons.windowIcons(OverallState.RUNNING));
    model.services().forEach(notifier::watch);
  }

  /** Connects to the services in the background, adds the tray icon and shows the window. */
  public void start() {
    if (ConsoleTray.supported()) {
      try {
        tray = ConsoleTray.install(model, trayActions());
        Platform.setImplicitExit(false);
        window.stage().setOnCloseRequest(event -> {
          event.consume();
          window.stage().hide();
        });
      } catch (AWTException e) {
        log.warn("Adding the tray icon failed; running as a normal window", e);
      }
    }
    if (tray == null) {
      log.info(NO_TRAY);
      window.notice(NO_TRAY);
      window.stage().setOnHidden(event -> exit());
    }
    window.stage().getIcons().setAll(TrayIcons.windowIcons(model.overallProperty().get()));
    model.overallProperty().addListener((property, before, after) ->
        window.stage().getIcons().setAll(TrayIcons.windowIcons(after)));
    links.start();
    showWindow(options.page());
  }

  /**
   * Brings the window to the front with a page of {@link MainWindow#PAGES}, or with the
   * current page for empty text; another instance requests this.
   */
  public void showWindow(String page) {
    window.show();
    if (!page.isEmpty()) {
      window.showPage(page);
    }
  }

  /** Closes the connections, removes the tray icon and runs the exit callback once. */
  public void exit() {
    if (exited) {
      return;
    }
    exited = true;
    log.info("The console exits");
    if (tray != null) {
      tray.remove();
    }
    // Closing a client waits up to 2 s for its connector thread, so it runs off the FX thread.
    Thread closer = new Thread(links::close, "console-close");
    closer.setDaemon(true);
    closer.start();
    window.stage().hide();
    onExit.run();
  }

  public MainWindow window() {
    return window;
  }

  public ConsoleModel model() {
    return model;
  }

  public Notifier notifier() {
    return notifier;
  }

  private ConsoleTray.Actions trayActions() {
    return new ConsoleTray.Actions() {
      @Override
      public void open() {
        window.show();
      }

      @Override
      public void restart(ServiceModel service) {
        actions.restart(service);
      }

      @Override
      public void start(ServiceModel service) {
        actions.start(service);
      }

      @Override
      public void stop(ServiceModel service) {
        actions.stop(service);
      }

      @Override
      public String startStopReason() {
        return actions.systemServices().reason();
      }

      @Override
      public void checkUpdates() {
        window.checkUpdates();
      }

      @Override
      public void repair() {
        window.repair();
      }

      @Override
      public String repairReason() {
        return window.repairReason();
      }

      @Override
      public void openLogFolder() {
        ServiceModel service = model.selectedProperty().get();
        if (service != null) {
          actions.openLogFolder(service);
        }
      }

      @Override
      public void exit() {
        Console.this.exit();
      }
    };
  }
}

package io.bridgehead.console;

import io.bridgehead.console.instance.SingleInstance;
import io.bridgehead.console.system.SystemServices;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code bridgehead console}: keeps one console per user, starts JavaFX and waits until
 * the console exits. JavaFX starts through {@link Platform#startup}, not an
 * {@code Application} subclass, so it runs from the class path.
 */
public final class ConsoleMain {
  private static final Logger log = LoggerFactory.getLogger(ConsoleMain.class);

  private ConsoleMain() {}

  /**
   * Runs the console and returns the process exit code: 0 after a normal exit or when another
   * instance was brought to the front, 1 when the console cannot start, 2 for invalid
   * arguments.
   */
  public static int run(List<String> arguments, PrintStream out, PrintStream err) {
    ConsoleOptions options;
    try {
      options = ConsoleOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      err.println("bridgehead: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.println(ConsoleOptions.USAGE);
      return 0;
    }
    AtomicReference<Console> console = new AtomicReference<>();
    SingleInstance instance;
    try {
      instance = SingleInstance.acquireOrSignal(options.instanceDirectory(), options.page(),
          page -> Platform.runLater(() -> {
            if (console.get() != null) {
              console.get().showWindow(page);
            }
          }));
    } catch (IOException e) {
      err.println("bridgehead: cannot check for a running console in "
          + options.instanceDirectory() + ": " + e.getMessage());
      return 1;
    }
    if (instance == null) {
      out.println("The console runs already; it was brought to the front.");
      return 0;
    }
    try (instance) {
      return runFx(options, console, err);
    }
  }

  private static int runFx(ConsoleOptions options, AtomicReference<Console> console,
      PrintStream err) {
    CountDownLatch exited = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try {
      Platform.startup(() -> {
        try {
          Console started = new Console(options, new Stage(),
              SystemServices.forCurrentPlatform(), () -> {
                exited.countDown();
                Platform.exit();
              });
          console.set(started);
          started.start();
        } catch (RuntimeException e) {
          failure.set(e);
          exited.countDown();
        }
      });
    } catch (RuntimeException e) {
      err.println("bridgehead: cannot start the console's window: " + e.getMessage()
          + "; run it on a desktop, or set DISPLAY");
      return 1;
    }
    try {
      exited.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      log.error("The console failed to start", failure.get());
      err.println("bridgehead: the console failed to start: " + failure.get().getMessage());
      Platform.exit();
      return 1;
    }
    return 0;
  }
}

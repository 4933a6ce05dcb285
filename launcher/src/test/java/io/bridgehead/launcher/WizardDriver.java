package io.bridgehead.launcher;

import io.bridgehead.installer.wizard.InstallWizard;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;

/**
 * Drives a shown {@link InstallWizard} from a test thread: reads and fills the current page's
 * fields by id and clicks its buttons. How a click happens is the caller's choice: a TestFX
 * robot click in tests, a plain fire for the screenshot driver.
 */
final class WizardDriver {
  private static final Duration FX_WAIT = Duration.ofSeconds(10);

  private final InstallWizard wizard;
  private final Consumer<Node> clicker;

  WizardDriver(InstallWizard wizard, Consumer<Node> clicker) {
    this.wizard = wizard;
    this.clicker = clicker;
  }

  /** Runs code on the JavaFX thread and returns its result. */
  static <T> T onFx(Callable<T> code) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(code.call());
      } catch (Exception | AssertionError e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(FX_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed on the JavaFX thread: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the JavaFX thread did not answer within " + FX_WAIT, e);
    }
  }

  String page() {
    return onFx(wizard::currentPageId);
  }

  boolean nextDisabled() {
    return onFx(() -> wizard.button(ButtonData.NEXT_FORWARD).isDisabled());
  }

  /** Clicks Next and checks that the wizard shows the expected page. */
  void next(String expectedPage) {
    String from = page();
    if (nextDisabled()) {
      throw new AssertionError("Next is disabled on page '" + from + "'");
    }
    clicker.accept(onFx(() -> wizard.button(ButtonData.NEXT_FORWARD)));
    waitFor("page " + expectedPage, Duration.ofSeconds(10),
        () -> page().equals(expectedPage));
  }

  /** Clicks a button of the page's button bar, such as Cancel or Finish. */
  void clickBar(ButtonData kind) {
    Button button = onFx(() -> wizard.button(kind));
    if (button == null) {
      throw new AssertionError("page '" + page() + "' has no " + kind + " button");
    }
    clicker.accept(button);
  }

  Node node(String id) {
    Node node = onFx(() -> wizard.dialog().getDialogPane().lookup("#" + id));
    if (node == null) {
      throw new AssertionError("page '" + page() + "' has no node #" + id);
    }
    return node;
  }

  /** Clicks a node of the page; fails when it is disabled, as a click would do nothing. */
  void click(String id) {
    Node node = node(id);
    if (onFx(node::isDisabled)) {
      throw new AssertionError("#" + id + " on page '" + page() + "' is disabled");
    }
    clicker.accept(node);
  }

  void type(String id, String text) {
    TextInputControl field = (TextInputControl) node(id);
    onFx(() -> {
      field.setText(text);
      return null;
    });
  }

  /** Returns the text of a label or field; "" for a hidden label. */
  String text(String id) {
    Node node = node(id);
    return onFx(() -> {
      if (!node.isVisible()) {
        return "";
      }
      return node instanceof Labeled labeled ? labeled.getText()
          : ((TextInputControl) node).getText();
    });
  }

  /** Waits until a node's text contains a string. */
  void waitForText(String id, String expected, Duration timeout) {
    try {
      waitFor("'" + expected + "' in #" + id, timeout, () -> text(id).contains(expected));
    } catch (AssertionError e) {
      throw new AssertionError("#" + id + " shows '" + text(id) + "', not '" + expected
          + "', after " + timeout.toSeconds() + " s", e);
    }
  }

  /**
   * Waits until a check's or command's result label shows a final text: not empty and not a
   * "running" text ending in an ellipsis. Returns that text.
   */
  String waitForResult(String id, Duration timeout) {
    waitFor("a result in #" + id, timeout, () -> {
      String text = text(id);
      return !text.isEmpty() && !text.endsWith("\u2026");
    });
    return text(id);
  }

  /** Waits until the install page shows how the install ended; returns its status text. */
  String waitForInstallEnd(Duration timeout) {
    Node status = node("installStatus");
    waitFor("the end of the install", timeout, () -> onFx(() ->
        status.getStyleClass().contains("check-ok")
            || status.getStyleClass().contains("check-failed")));
    return text("installStatus");
  }

  interface Condition {
    boolean met();
  }

  /** Waits until a condition holds, or fails naming it. */
  void waitFor(String description, Duration timeout, Condition condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.met()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + description + " within " + timeout.toSeconds()
            + " s; page '" + page() + "'");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + description, e);
      }
    }
  }
}

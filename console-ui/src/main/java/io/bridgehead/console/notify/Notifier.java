package io.bridgehead.console.notify;

import io.bridgehead.console.model.ServiceModel;
import io.bridgehead.console.model.ServiceState;
import io.bridgehead.console.model.UpdateOutcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications through ControlsFX: a service stopped, a service lost its tenant, an
 * update or a repair ended. Each condition notifies once when it starts and not again until
 * it has cleared, so a service that keeps failing does not stack popups; more than
 * {@value #MAX_VISIBLE} at once collapse into one summary. Runs on the FX thread.
 */
public final class Notifier {
  static final int MAX_VISIBLE = 2;

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  /** A shown notification, kept for the log and for tests. */
  public record Shown(String title, String text, boolean warning) {}

  private final Map<String, Boolean> active = new HashMap<>();
  /**
   * The results already shown, by their end time: the services of one host share one result,
   * so it is shown once, not once per service.
   */
  private final Set<Instant> notifiedResults = new HashSet<>();
  /** Results that ended before the console started are history, not news. */
  private final Instant startedAt;
  private final ObservableList<Shown> shown = FXCollections.observableArrayList();
  private boolean popupsEnabled = true;

  /** Makes a notifier that shows update and repair results that end from now on. */
  public Notifier() {
    this(Instant.now());
  }

  /** Makes a notifier that shows update and repair results that end after {@code startedAt}. */
  public Notifier(Instant startedAt) {
    this.startedAt = startedAt;
  }

  /** Watches a service's state, tenant reachability and update changes. */
  public void watch(ServiceModel service) {
    service.stateProperty().addListener((property, before, after) -> {
      boolean wasUp = before == ServiceState.RUNNING || before == ServiceState.STARTING
          || before == ServiceState.UPDATING || before == ServiceState.STOPPING;
      boolean down = after == ServiceState.OFFLINE || after == ServiceState.STOPPED;
      if (down && wasUp && service.updateProperty().get().updating()) {
        // A planned stop: the update's result is shown when it ends.
        show("The " + service.role() + " service restarts for an update", "The updater"
            + " installs version " + service.updateProperty().get().wantedVersion() + ".",
            false);
      } else if (down && wasUp) {
        raise(service.role() + ".stopped", "The " + service.role() + " service stopped",
            after == ServiceState.OFFLINE
                ? "The console lost its connection: " + service.connectionProblemProperty()
                    .get()
                : "Its job loop is stopped; restart the service.");
      } else if (after == ServiceState.RUNNING) {
        clear(service.role() + ".stopped");
      }
    });
    service.tenantReachableProperty().addListener((property, before, reachable) -> {
      if (!reachable && service.connectedProperty().get()) {
        raise(service.role() + ".tenant", "The " + service.role() + " service lost the tenant",
            "It cannot reach " + service.tenantUrlProperty().get() + " and keeps retrying.");
      } else if (reachable) {
        clear(service.role() + ".tenant");
      }
    });
    service.updateProperty().addListener((property, before, after) -> {
      UpdateOutcome last = after.last();
      if (last != null && last.finishedAt().isAfter(startedAt)
          && notifiedResults.add(last.finishedAt())) {
        show("repair".equals(last.kind()) ? "Repair of the Bridgehead services"
            : "Update of the Bridgehead services", last.summary(), !last.succeeded());
      }
      if ("failed".equals(after.state())) {
        raise(service.role() + ".update", "The " + service.role() + " service cannot update",
            after.detail().isEmpty() ? "The update to " + after.wantedVersion() + " failed."
                : after.detail());
      } else {
        clear(service.role() + ".update");
      }
    });
  }

  /** Notifies that a repair the console ran ended, with its outcome. */
  public void repairEnded(String outcome, boolean failed) {
    show("Repair of the Bridgehead services", outcome, failed);
  }

  /** The notifications shown so far, oldest first. */
  public ObservableList<Shown> shown() {
    return FXCollections.unmodifiableObservableList(shown);
  }

  /** Turns the popups off and keeps only the record, where no screen can show them. */
  public void disablePopups() {
    popupsEnabled = false;
  }

  private void raise(String condition, String title, String text) {
    if (Boolean.TRUE.equals(active.put(condition, true))) {
      return;
    }
    show(title, text, true);
  }

  private void clear(String condition) {
    active.put(condition, false);
  }

  private void show(String title, String text, boolean warning) {
    shown.add(new Shown(title, text, warning));
    log.info("Notification: {}: {}", title, text);
    if (!popupsEnabled) {
      return;
    }
    try {
      Notifications notification = Notifications.create().title(title).text(text)
          .hideAfter(Duration.seconds(8))
          .threshold(MAX_VISIBLE, Notifications.create().title("Bridgehead")
              .text("Several services changed; open the console for details."));
      if (warning) {
        notification.showWarning();
      } else {
        notification.showInformation();
      }
    } catch (RuntimeException e) {
      // ControlsFX needs a screen and a window to place the popup on.
      log.warn("Showing the notification '{}' failed", title, e);
    }
  }
}

package io.bridgehead.installer.unattended;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads standard input after the secrets and notes a line {@code cancel}. The end of input
 * is not a cancel, so a wizard that closes its end changes nothing.
 */
final class CancelWatcher {
  private final AtomicBoolean requested = new AtomicBoolean();

  /** Starts reading on a daemon thread, which ends at the end of input. */
  static CancelWatcher start(BufferedReader input, ConsoleProgress progress) {
    CancelWatcher watcher = new CancelWatcher();
    Thread thread = new Thread(() -> {
      try {
        String line;
        while ((line = input.readLine()) != null) {
          if (line.trim().equals("cancel")) {
            watcher.requested.set(true);
            progress.note("Cancel requested; the install stops after the current step and"
                + " undoes what it did.");
            return;
          }
        }
      } catch (IOException e) {
        // Standard input is gone, which is no cancel.
      }
    }, "install-cancel-watcher");
    thread.setDaemon(true);
    thread.start();
    return watcher;
  }

  /** Returns a watcher that never reports a cancel, for installs without --progress. */
  static CancelWatcher none() {
    return new CancelWatcher();
  }

  boolean requested() {
    return requested.get();
  }
}

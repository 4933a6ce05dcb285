package io.bridgehead.console.model;

import java.util.Locale;

/** The state of one service as the console sees it and its card shows it. */
public enum ServiceState {
  /** No socket or lock file of the role in the socket folder, and never connected. */
  NOT_INSTALLED("not installed"),
  /** Installed, and the first connection attempt has not finished yet. */
  CONNECTING("connecting"),
  /** Installed, but the console cannot reach its control socket: stopped or crashed. */
  OFFLINE("offline"),
  STARTING("starting"),
  RUNNING("running"),
  /** The service reports that it installs an update. */
  UPDATING("updating"),
  STOPPING("stopping"),
  /** The process responds, but its job loop is stopped. */
  STOPPED("stopped");

  private final String label;

  ServiceState(String label) {
    this.label = label;
  }

  /** Returns the lowercase word shown in the card and used as a style class suffix. */
  public String label() {
    return label;
  }

  /** Maps the {@code state} member of a status object; an unknown word maps to RUNNING. */
  public static ServiceState fromStatus(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "starting" -> STARTING;
      case "stopping" -> STOPPING;
      case "stopped" -> STOPPED;
      case "updating" -> UPDATING;
      default -> RUNNING;
    };
  }
}

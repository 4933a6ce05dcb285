package io.bridgehead.agent.host;

/** How a hosted service ended, as it reports to its service manager. */
public enum ExitKind {
  /** Stopped on request, or by itself without an error. */
  NORMAL,
  /** Stopped because of an error that a restart may fix, such as a rejected credential. */
  FAILED,
  /**
   * Stopped so that the updater can replace the program files and start it again. Both
   * service managers count it as a normal stop, so that no recovery action restarts the old
   * version meanwhile.
   */
  STOPPING_TO_UPDATE
}

package io.bridgehead.ipc;

/** What a method does to the service, and so who may call it. */
public enum Access {
  /** Reads state: any peer the transport lets in may call it. */
  READ,
  /**
   * Changes configuration or state (switch pools, restart, repair): only an administrator may
   * call it, meaning root or the service's own account on Unix, a member of Administrators on
   * Windows.
   */
  CHANGE
}

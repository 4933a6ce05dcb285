package io.bridgehead.ipc;

/**
 * Receives the state changes of an {@link IpcClient}. It is called on one of the client's own
 * threads, never while the client holds a lock, and only when the state differs from the last
 * one reported. It must return quickly: a JavaFX view hands the change to the FX thread.
 */
@FunctionalInterface
public interface ConnectionListener {
  /**
   * Invoked when the client connects, loses its connection or is closed.
   *
   * @param reason why the client is disconnected, in words for a log or a status line; empty
   *     for the other states
   */
  void stateChanged(ConnectionState state, String reason);
}

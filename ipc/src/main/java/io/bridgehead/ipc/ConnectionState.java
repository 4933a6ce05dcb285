package io.bridgehead.ipc;

/** Where an {@link IpcClient} stands with its service. */
public enum ConnectionState {
  /** Connected and past the handshake, with all subscriptions in place: calls go out. */
  CONNECTED,
  /** Not connected: calls fail at once, and the client keeps trying to reconnect. */
  DISCONNECTED,
  /** Closed by its owner: calls fail and it no longer reconnects. */
  CLOSED
}

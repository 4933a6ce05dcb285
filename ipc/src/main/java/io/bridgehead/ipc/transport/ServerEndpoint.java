package io.bridgehead.ipc.transport;

import java.io.Closeable;
import java.io.IOException;

/** A listening endpoint. {@link #close()} makes a blocked {@link #accept()} throw. */
public interface ServerEndpoint extends Closeable {
  /**
   * Waits for the next client and returns its connection, with the peer identified.
   *
   * @throws java.nio.channels.ClosedChannelException when the endpoint is closed, before or
   *     during the wait
   */
  ServerConnection accept() throws IOException;

  /** Returns the endpoint's address, such as a socket path or a pipe name, for messages. */
  String address();
}

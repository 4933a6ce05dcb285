package io.bridgehead.ipc.transport;

import io.bridgehead.ipc.EndpointName;
import java.io.IOException;

/**
 * A local byte-stream transport: Unix domain sockets or Windows named pipes. It moves bytes and
 * reports the peer's identity to the server, and it does not parse frames or JSON.
 */
public interface Transport {
  /**
   * Starts listening under a name.
   *
   * @throws EndpointInUseException when a live server already listens under the name
   */
  ServerEndpoint bind(EndpointName name) throws IOException;

  /**
   * Connects to the server listening under a name.
   *
   * @throws java.net.ConnectException when no server listens under the name
   */
  Connection connect(EndpointName name) throws IOException;

  /** Returns where a name is found, such as a socket path or a pipe name, for messages. */
  String describe(EndpointName name);
}

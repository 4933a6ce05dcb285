package io.bridgehead.ipc.transport;

import io.bridgehead.ipc.PeerIdentity;

/** A connection accepted by a server, with the peer the operating system reported. */
public interface ServerConnection extends Connection {
  PeerIdentity peer();
}

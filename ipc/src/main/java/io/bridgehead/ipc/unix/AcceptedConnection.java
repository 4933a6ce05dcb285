package io.bridgehead.ipc.unix;

import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.transport.ServerConnection;
import java.nio.channels.SocketChannel;

/** A connection a Unix socket server accepted, with the peer from SO_PEERCRED. */
final class AcceptedConnection extends ChannelConnection implements ServerConnection {
  private final PeerIdentity peer;

  AcceptedConnection(SocketChannel channel, PeerIdentity peer) {
    super(channel);
    this.peer = peer;
  }

  @Override
  public PeerIdentity peer() {
    return peer;
  }
}

package io.bridgehead.ipc.unix;

import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.transport.ServerConnection;
import io.bridgehead.ipc.transport.ServerEndpoint;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound Unix domain socket. It holds the lock file of its name while open, and deletes its
 * socket file when closed.
 */
final class UnixServerEndpoint implements ServerEndpoint {
  private static final Logger log = LoggerFactory.getLogger(UnixServerEndpoint.class);

  private final ServerSocketChannel channel;
  private final Path socket;
  private final FileLock lock;
  /** The account the server runs as, which owns the socket file. */
  private final UserPrincipal serverUser;
  /** The root account; null where the system has none. */
  private final UserPrincipal rootUser;

  UnixServerEndpoint(ServerSocketChannel channel, Path socket, FileLock lock,
      UserPrincipal serverUser, UserPrincipal rootUser) {
    this.channel = channel;
    this.socket = socket;
    this.lock = lock;
    this.serverUser = serverUser;
    this.rootUser = rootUser;
  }

  @Override
  public ServerConnection accept() throws IOException {
    SocketChannel client = channel.accept();
    try {
      return new AcceptedConnection(client, identify(client));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Returns the peer of a connection. Everyone who can reach the socket may read, because the
   * socket directory's permissions decide who can. Only root and the server's own account are
   * administrators.
   */
  private PeerIdentity identify(SocketChannel client) {
    UserPrincipal user;
    try {
      UnixDomainPrincipal principal = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      user = principal.user();
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("Reading the peer credentials of a connection on {} failed; treating the peer"
          + " as a reader without administrator rights", socket, e);
      return new PeerIdentity("unknown", "unknown", PeerIdentity.UNKNOWN_PID, false, true);
    }
    boolean administrator = user.equals(serverUser) || user.equals(rootUser);
    return new PeerIdentity(user.getName(), user.getName(), PeerIdentity.UNKNOWN_PID,
        administrator, true);
  }

  @Override
  public String address() {
    return socket.toString();
  }

  @Override
  public void close() throws IOException {
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.close();
      Files.deleteIfExists(socket);
    } finally {
      lock.release();
      lock.channel().close();
    }
  }
}

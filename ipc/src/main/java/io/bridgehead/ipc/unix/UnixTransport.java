package io.bridgehead.ipc.unix;

import io.bridgehead.ipc.EndpointName;
import io.bridgehead.ipc.transport.Connection;
import io.bridgehead.ipc.transport.EndpointInUseException;
import io.bridgehead.ipc.transport.ServerEndpoint;
import io.bridgehead.ipc.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unix domain sockets, one socket file {@code <directory>/<role>.sock} per service.
 *
 * <p>Who may connect is decided by the directory: the socket file itself is made writable by
 * everyone, so any user who can search the directory can connect. The installer makes the
 * directory {@code root:bridgehead} with mode 0750, so that members of the {@code bridgehead}
 * group may read status; a directory this class creates gets mode 0750 and the server's own
 * group. Only root and the server's own account are administrators.
 *
 * <p>A live socket is never replaced. Binding first takes an exclusive lock on
 * {@code <role>.lock} beside the socket, then tries to connect. When a server accepts the
 * connection, binding fails with {@link EndpointInUseException}. When the connection is
 * refused, the socket file is stale and is deleted.
 */
public final class UnixTransport implements Transport {
  /** The socket directory in production, created by systemd as the runtime directory. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/run/bridgehead");

  private static final Logger log = LoggerFactory.getLogger(UnixTransport.class);

  private final Path directory;

  /** Makes a transport whose sockets live in a directory, created on bind when missing. */
  public UnixTransport(Path directory) {
    this.directory = directory.toAbsolutePath();
  }

  public Path directory() {
    return directory;
  }

  public Path socketPath(EndpointName name) {
    return directory.resolve(name.role() + ".sock");
  }

  @Override
  public String describe(EndpointName name) {
    return socketPath(name).toString();
  }

  @Override
  public ServerEndpoint bind(EndpointName name) throws IOException {
    createDirectory();
    Path socket = socketPath(name);
    FileLock lock = lock(name, socket);
    try {
      removeStaleSocket(socket);
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
        return new UnixServerEndpoint(channel, socket, lock, owner, rootUser());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      lock.release();
      lock.channel().close();
      throw e;
    }
  }

  @Override
  public Connection connect(EndpointName name) throws IOException {
    Path socket = socketPath(name);
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return new ChannelConnection(channel);
    } catch (IOException e) {
      channel.close();
      throw connectFailure(socket, e);
    }
  }

  private static IOException connectFailure(Path socket, IOException e) {
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      ConnectException missing = new ConnectException("no service listens at " + socket
          + ": the socket file does not exist or its directory is not readable");
      missing.initCause(e);
      return missing;
    }
    if (e instanceof ConnectException) {
      ConnectException refused = new ConnectException("no service listens at " + socket
          + ": connection refused");
      refused.initCause(e);
      return refused;
    }
    return new IOException("connecting to " + socket + " failed: " + e.getMessage()
        + "; your user needs write access to the socket and search access to its directory,"
        + " which membership in the directory's group gives", e);
  }

  private void createDirectory() throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));
    log.info("Created the socket directory {} with mode 0750", directory);
  }

  private FileLock lock(EndpointName name, Path socket) throws IOException {
    Path lockPath = directory.resolve(name.role() + ".lock");
    FileChannel file = FileChannel.open(lockPath, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = file.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
    if (lock == null) {
      file.close();
      throw new EndpointInUseException(socket.toString(), "another server listens at "
          + socket + " or is starting there: it holds the lock " + lockPath);
    }
    return lock;
  }

  /** Deletes the socket file when nobody listens on it; fails when somebody does. */
  private static void removeStaleSocket(Path socket) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(socket, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!attributes.isOther()) {
      throw new IOException(socket + " exists and is not a socket; remove it, or choose another"
          + " socket directory");
    }
    try {
      SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
    } catch (ConnectException e) {
      // Connection refused: the server that made this file is gone.
      log.info("Replacing the stale socket file {}: nobody listens on it", socket);
      Files.delete(socket);
      return;
    }
    throw new EndpointInUseException(socket.toString(), "another server listens at " + socket);
  }

  private static UserPrincipal rootUser() {
    try {
      return FileSystems.getDefault().getUserPrincipalLookupService()
          .lookupPrincipalByName("root");
    } catch (IOException e) {
      log.debug("This system has no root account; only the server's own account is an"
          + " administrator", e);
      return null;
    }
  }
}

package io.bridgehead.console.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one console per user. The first instance holds an exclusive lock on
 * {@code console.lock} and listens on {@code console.sock} in the user's runtime folder; a
 * later instance finds the lock taken, sends one line on the socket and exits, and the first
 * instance brings its window to the front. The line is {@value #SHOW}, then optionally a space
 * and the page to show.
 *
 * <p>On POSIX systems the folder must belong to the current user and must not be writable by
 * its group or others, because another user who controls it could replace the socket.
 */
public final class SingleInstance implements AutoCloseable {
  /** The command word of the one message a second instance sends. */
  static final String SHOW = "show";
  /** The maximum length of a message, in bytes; longer ones are cut. */
  private static final int MAX_MESSAGE = 256;

  private static final Logger log = LoggerFactory.getLogger(SingleInstance.class);

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ServerSocketChannel server;
  private final Path socket;
  private final Thread listener;
  /** Removes the socket when the JVM ends without {@link #close()}, as on SIGTERM. */
  private final Thread socketRemover;

  private SingleInstance(FileChannel lockChannel, FileLock lock, ServerSocketChannel server,
      Path socket, Consumer<String> onShow) {
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.server = server;
    this.socket = socket;
    this.socketRemover = new Thread(this::removeSocket, "console-socket-remover");
    Runtime.getRuntime().addShutdownHook(socketRemover);
    this.listener = new Thread(() -> listen(onShow), "console-single-instance");
    this.listener.setDaemon(true);
    this.listener.start();
  }

  /**
   * Returns the user's runtime folder for the console: {@code $XDG_RUNTIME_DIR/bridgehead-console},
   * else {@code <java.io.tmpdir>/bridgehead-console-<user>}.
   */
  public static Path defaultFolder() {
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      return Path.of(runtime, "bridgehead-console");
    }
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "bridgehead-console-" + user);
  }

  /**
   * Becomes the one instance in {@code folder}, or signals the running one to show itself.
   *
   * @param page the page the running instance should show, or empty for the current one
   * @param onShow runs on a background thread each time another instance starts, with the
   *     page it asked for, or empty
   * @return the instance to close on exit, or null when another instance runs and was notified
   * @throws IOException when neither could be done
   */
  public static SingleInstance acquireOrSignal(Path folder, String page,
      Consumer<String> onShow) throws IOException {
    createFolder(folder);
    Path lockFile = folder.resolve("console.lock");
    Path socket = folder.resolve("console.sock");
    String message = page.isEmpty() ? SHOW : SHOW + " " + page;
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // This JVM holds the lock already, as a second console in the same process would.
      lock = null;
    }
    if (lock == null) {
      channel.close();
      signal(socket, message);
      return null;
    }
    try {
      if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        if (trySend(socket, message)) {
          // A console listens although the lock was free, as when someone deleted the lock
          // file while it ran, so that console is the one instance.
          lock.release();
          channel.close();
          return null;
        }
        log.info("Replacing the stale socket {} that a stopped console left behind", socket);
        Files.delete(socket);
      }
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      return new SingleInstance(channel, lock, server, socket, onShow);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  /** Stops listening, removes the socket and releases the lock. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(socketRemover);
    } catch (IllegalStateException e) {
      // The JVM is shutting down, and the hook removes the socket.
    }
    try {
      server.close();
      Files.deleteIfExists(socket);
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("Releasing the console's single-instance lock failed", e);
    }
  }

  private void removeSocket() {
    try {
      server.close();
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      log.warn("Removing the console's socket {} at exit failed", socket, e);
    }
  }

  private void listen(Consumer<String> onShow) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        InputStream in = Channels.newInputStream(client);
        String message = new String(in.readNBytes(MAX_MESSAGE), StandardCharsets.UTF_8)
            .strip();
        if (message.equals(SHOW) || message.startsWith(SHOW + " ")) {
          log.info("Another console instance started; showing this one");
          onShow.accept(message.substring(SHOW.length()).strip());
        } else {
          log.warn("Ignored an unknown message from another console instance");
        }
      } catch (IOException e) {
        if (server.isOpen()) {
          log.warn("Reading a message from another console instance failed", e);
        }
      }
    }
  }

  /** Sends {@code message} on {@code socket}, and returns false when connecting fails. */
  private static boolean trySend(Path socket, String message) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      OutputStream out = Channels.newOutputStream(channel);
      out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void signal(Path socket, String message) throws IOException {
    // The first instance may still be binding its socket; give it a moment.
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        OutputStream out = Channels.newOutputStream(channel);
        out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return;
      } catch (IOException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IOException("another console has the lock, but connecting to its socket "
        + socket + " failed: " + (last == null ? "interrupted" : last.getMessage())
        + "; if no console runs, delete " + socket.getParent(), last);
  }

  /**
   * Creates {@code folder} with mode 0700, or checks that an existing one belongs to the current
   * user and is not writable by its group or others. Checks nothing where the file system has
   * no POSIX permissions, as on Windows.
   *
   * @throws IOException when the folder cannot be created or fails the check
   */
  static void createFolder(Path folder) throws IOException {
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!posix) {
      Files.createDirectories(folder);
      return;
    }
    Files.createDirectories(folder.toAbsolutePath().getParent());
    try {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // Checked below like any folder that existed before.
    }
    checkPrivate(folder);
  }

  private static void checkPrivate(Path folder) throws IOException {
    String fix = " Delete it, or pass --instance-dir with a folder only you can write to, then"
        + " start the console again.";
    PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      throw new IOException("The console's runtime folder " + folder + " is not a folder"
          + (attributes.isSymbolicLink() ? " but a symbolic link." : ".") + fix);
    }
    String user = System.getProperty("user.name");
    UserPrincipal current = folder.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(user);
    if (!attributes.owner().equals(current)) {
      throw new IOException("The console's runtime folder " + folder + " belongs to "
          + attributes.owner().getName() + ", not to " + user
          + ", so another user may control it." + fix);
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException("The console's runtime folder " + folder
          + " is writable by its group or others ("
          + PosixFilePermissions.toString(permissions) + "). Run chmod 700 " + folder
          + ", or delete it, then start the console again.");
    }
  }
}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one console per user. The first instance holds an exclusive lock on
 * {@code console.lock} and listens on {@code console.sock} in the user's runtime folder; a
 * later instance finds the lock taken, sends one line on the socket and exits, and the first
 * instance brings its window to the front. The line is {@value #SHOW}, then optionally a space
 * and the page to show.
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

  private SingleInstance(FileChannel lockChannel, FileLock lock, ServerSocketChannel server,
      Path socket, Consumer<String> onShow) {
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.server = server;
    this.socket = socket;
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
   * @return the instance to close on exit, or null when another instance runs and was told
   * @throws IOException when neither could be done
   */
  public static SingleInstance acquireOrSignal(Path folder, String page,
      Consumer<String> onShow) throws IOException {
    createFolder(folder);
    Path lockFile = folder.resolve("console.lock");
    Path socket = folder.resolve("console.sock");
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
      signal(socket, page.isEmpty() ? SHOW : SHOW + " " + page);
      return null;
    }
    try {
      Files.deleteIfExists(socket);
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
      server.close();
      Files.deleteIfExists(socket);
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("Releasing the console's single-instance lock failed", e);
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

  private static void createFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    boolean posix = !System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
        .startsWith("windows");
    if (posix) {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(folder);
    }
  }
}

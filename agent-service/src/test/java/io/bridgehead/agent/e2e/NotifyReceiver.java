package io.bridgehead.agent.e2e;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.platform.unix.LibCAPI;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The systemd side of sd_notify for tests: a Unix datagram socket bound to a unique abstract
 * name, or to a path, through the C library, from which a test reads the service's messages.
 * Linux only.
 */
final class NotifyReceiver implements AutoCloseable {
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int EAGAIN = 11;
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  /** The calls a receiving socket needs; the service's own binding only sends. */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int socket, byte[] address, int addressLength) throws LastErrorException;

    LibCAPI.ssize_t recv(int socket, byte[] buffer, LibCAPI.size_t length, int flags)
        throws LastErrorException;

    int close(int socket) throws LastErrorException;
  }

  private final LibC libc = Native.load("c", LibC.class);
  private final String address;
  private final int fd;
  private final List<String> received = new ArrayList<>();
  /** The index of the first message the next {@link #await} looks at. */
  private int cursor;

  private NotifyReceiver(String address) throws IOException {
    this.address = address;
    boolean isAbstract = address.startsWith("@");
    byte[] name = (isAbstract ? address.substring(1) : address)
        .getBytes(StandardCharsets.UTF_8);
    byte[] socketAddress = new byte[2 + name.length + 1];
    socketAddress[ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 1] = AF_UNIX;
    System.arraycopy(name, 0, socketAddress, isAbstract ? 3 : 2, name.length);
    try {
      fd = libc.socket(AF_UNIX, SOCK_DGRAM, 0);
      libc.bind(fd, socketAddress, socketAddress.length);
    } catch (LastErrorException e) {
      throw new IOException("could not bind a notify socket at " + address + ": "
          + e.getMessage(), e);
    }
  }

  /** Binds a socket with a unique abstract name. */
  static NotifyReceiver bindAbstract() throws IOException {
    return new NotifyReceiver("@bridgehead-test-" + UUID.randomUUID());
  }

  /** Binds a socket at the file system path {@code path}. */
  static NotifyReceiver bindPath(String path) throws IOException {
    return new NotifyReceiver(path);
  }

  /** Returns the address to put in NOTIFY_SOCKET. */
  String address() {
    return address;
  }

  /**
   * Returns the next message, after the one the last call returned, that {@code condition}
   * accepts, reading
   * more as they come for up to {@code timeout}.
   *
   * @throws AssertionError when none comes in time; it lists every message received
   */
  String await(String description, Predicate<String> condition, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      while (cursor < received.size()) {
        String message = received.get(cursor++);
        if (condition.test(message)) {
          return message;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no notify message " + description + " within "
            + timeout.toSeconds() + " s; received: " + received);
      }
      if (!receiveOne()) {
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    }
  }

  /** Returns every message received so far. */
  List<String> received() throws IOException {
    while (receiveOne()) {
      // Reads what is waiting.
    }
    return List.copyOf(received);
  }

  private boolean receiveOne() throws IOException {
    byte[] buffer = new byte[4096];
    try {
      long length = libc.recv(fd, buffer, new LibCAPI.size_t(buffer.length), MSG_DONTWAIT)
          .longValue();
      received.add(new String(buffer, 0, (int) length, StandardCharsets.UTF_8));
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EAGAIN) {
        return false;
      }
      throw new IOException("recv on " + address + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    libc.close(fd);
  }
}

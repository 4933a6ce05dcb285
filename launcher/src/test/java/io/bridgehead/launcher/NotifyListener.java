package io.bridgehead.launcher;

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

/**
 * Systemd's side of sd_notify for the launcher's tests: a Unix datagram socket bound to a
 * unique abstract name through the C library. Linux only.
 */
final class NotifyListener implements AutoCloseable {
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int EAGAIN = 11;

  /** The C library calls that bind and read a datagram socket. */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int socket, byte[] address, int addressLength) throws LastErrorException;

    LibCAPI.ssize_t recv(int socket, byte[] buffer, LibCAPI.size_t length, int flags)
        throws LastErrorException;

    int close(int socket) throws LastErrorException;
  }

  private final LibC libc = Native.load("c", LibC.class);
  private final String name = "bridgehead-launcher-test-" + UUID.randomUUID();
  private final int fd;
  private final List<String> received = new ArrayList<>();

  NotifyListener() {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    // sun_family, then a NUL that makes the name abstract, then the name without a NUL.
    byte[] address = new byte[3 + bytes.length];
    address[ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 1] = AF_UNIX;
    System.arraycopy(bytes, 0, address, 3, bytes.length);
    fd = libc.socket(AF_UNIX, SOCK_DGRAM, 0);
    libc.bind(fd, address, address.length);
  }

  /** Returns the value for NOTIFY_SOCKET. */
  String address() {
    return "@" + name;
  }

  /**
   * Waits up to {@code timeout} for a message that contains {@code text} and returns it.
   *
   * @throws AssertionError when none comes in time; it lists every message received
   */
  String await(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String message : received()) {
        if (message.contains(text)) {
          return message;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no notify message with " + text + " within "
            + timeout.toSeconds() + " s; received: " + received);
      }
      Thread.sleep(20);
    }
  }

  /** Returns every message received so far, in order. */
  List<String> received() throws IOException {
    byte[] buffer = new byte[4096];
    while (true) {
      try {
        long length = libc.recv(fd, buffer, new LibCAPI.size_t(buffer.length), MSG_DONTWAIT)
            .longValue();
        received.add(new String(buffer, 0, (int) length, StandardCharsets.UTF_8));
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EAGAIN) {
          return List.copyOf(received);
        }
        throw new IOException("recv on " + address() + " failed: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    libc.close(fd);
  }
}

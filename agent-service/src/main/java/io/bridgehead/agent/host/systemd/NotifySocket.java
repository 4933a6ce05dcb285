package io.bridgehead.agent.host.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.platform.unix.LibCAPI;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The datagram socket a {@code Type=notify} service sends its state to, as named by systemd's
 * {@code NOTIFY_SOCKET}: a file system path, or an abstract socket name written with a
 * leading {@code @}. Each {@link #send} is one datagram of {@code KEY=VALUE} lines, as
 * sd_notify(3) describes.
 */
final class NotifySocket implements AutoCloseable {
  /** The size of {@code sun_path} in Linux's {@code struct sockaddr_un}. */
  static final int MAX_PATH_BYTES = 108;
  /** The offset of {@code sun_path}, after the 2-byte {@code sun_family}. */
  private static final int PATH_OFFSET = 2;

  private final UnixDatagrams libc;
  private final String address;
  private final byte[] socketAddress;
  private final int fd;
  private boolean closed;

  private NotifySocket(UnixDatagrams libc, String address, byte[] socketAddress, int fd) {
    this.libc = libc;
    this.address = address;
    this.socketAddress = socketAddress;
    this.fd = fd;
  }

  /**
   * Opens an unbound datagram socket that sends to {@code address}.
   *
   * @throws IllegalArgumentException when the address is neither an absolute path nor an
   *     abstract name, or is too long
   * @throws IOException when the socket cannot be made
   */
  static NotifySocket open(String address) throws IOException {
    byte[] socketAddress = socketAddress(address);
    UnixDatagrams libc = UnixDatagrams.load();
    try {
      int fd = libc.socket(UnixDatagrams.AF_UNIX, UnixDatagrams.SOCK_DGRAM_CLOEXEC, 0);
      return new NotifySocket(libc, address, socketAddress, fd);
    } catch (LastErrorException e) {
      throw new IOException("could not make a Unix datagram socket for " + address + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Returns the {@code struct sockaddr_un} bytes for {@code address}, exactly as long as the
   * address length passed to {@code sendto}: an abstract name has no terminating NUL, because
   * every byte of it is part of the name.
   */
  static byte[] socketAddress(String address) {
    boolean isAbstract = address.startsWith("@");
    if (!isAbstract && !address.startsWith("/")) {
      throw new IllegalArgumentException("invalid NOTIFY_SOCKET '" + address + "': expected an"
          + " absolute path or an abstract socket name starting with '@'");
    }
    byte[] name = (isAbstract ? address.substring(1) : address)
        .getBytes(StandardCharsets.UTF_8);
    int pathBytes = name.length + 1;
    if (pathBytes > MAX_PATH_BYTES) {
      throw new IllegalArgumentException("invalid NOTIFY_SOCKET '" + address + "': "
          + pathBytes + " bytes, more than the " + MAX_PATH_BYTES + " a Unix socket address"
          + " holds");
    }
    byte[] result = new byte[PATH_OFFSET + pathBytes];
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    result[little ? 0 : 1] = (byte) UnixDatagrams.AF_UNIX;
    // An abstract name starts with a NUL byte; a path ends with one.
    System.arraycopy(name, 0, result, PATH_OFFSET + (isAbstract ? 1 : 0), name.length);
    return result;
  }

  String address() {
    return address;
  }

  /**
   * Sends {@code message} as one datagram.
   *
   * @throws IOException when the send fails, for example because systemd is gone
   */
  synchronized void send(String message) throws IOException {
    if (closed) {
      throw new IOException("the notify socket for " + address + " is closed");
    }
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    try {
      libc.sendto(fd, bytes, new LibCAPI.size_t(bytes.length), UnixDatagrams.MSG_NOSIGNAL,
          socketAddress, socketAddress.length);
    } catch (LastErrorException e) {
      throw new IOException("could not send to NOTIFY_SOCKET " + address + ": "
          + e.getMessage() + " (errno " + e.getErrorCode() + ")", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // The descriptor is released even when close reports an error (close(2) on Linux).
    }
  }
}

package io.bridgehead.agent.host.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.platform.unix.LibCAPI;

/**
 * The C library calls for sending on a Unix datagram socket, which the JDK 17 cannot do: its
 * {@code SocketChannel} supports Unix domain sockets only as streams.
 */
interface UnixDatagrams extends Library {
  int AF_UNIX = 1;
  /** {@code SOCK_DGRAM | SOCK_CLOEXEC} on Linux, so that scripts do not inherit the socket. */
  int SOCK_DGRAM_CLOEXEC = 2 | 0x80000;
  /** {@code MSG_NOSIGNAL} on Linux: an error, not SIGPIPE, when the peer is gone. */
  int MSG_NOSIGNAL = 0x4000;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  LibCAPI.ssize_t sendto(int socket, byte[] buffer, LibCAPI.size_t length, int flags,
      byte[] address, int addressLength) throws LastErrorException;

  int close(int socket) throws LastErrorException;

  /** Loads the C library; call only on Linux. */
  static UnixDatagrams load() {
    return Native.load("c", UnixDatagrams.class);
  }
}

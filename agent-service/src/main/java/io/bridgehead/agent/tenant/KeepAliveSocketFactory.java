package io.bridgehead.agent.tenant;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.net.SocketException;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * Makes sockets with TCP keep-alive probes after 15 s of silence, every 5 s, 3 times, so that
 * a connection whose far end vanished (a half-open connection after a network cut) fails in
 * about 30 s instead of the two hours that are the usual system default.
 */
final class KeepAliveSocketFactory extends SocketFactory {
  static final int IDLE_SECONDS = 15;
  static final int INTERVAL_SECONDS = 5;
  static final int PROBES = 3;

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    socket.setKeepAlive(true);
    setIfSupported(socket, ExtendedSocketOptions.TCP_KEEPIDLE, IDLE_SECONDS);
    setIfSupported(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, INTERVAL_SECONDS);
    setIfSupported(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, PROBES);
    return socket;
  }

  private static void setIfSupported(Socket socket,
      SocketOption<Integer> option, int value) throws SocketException {
    // NOTE: the JDK offers these options on Linux and macOS; on Windows before JDK 18 they are
    // missing, and the system's keep-alive timing applies.
    if (socket.supportedOptions().contains(option)) {
      try {
        socket.setOption(option, value);
      } catch (IOException e) {
        throw new SocketException("cannot set " + option.name() + ": " + e.getMessage());
      }
    }
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }
}

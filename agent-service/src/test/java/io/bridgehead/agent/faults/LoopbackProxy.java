package io.bridgehead.agent.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that forwards bytes, TLS included, unchanged to a port on
 * 127.0.0.1, and lets a test cut the network. It records when it accepted each connection and
 * whether it reached the target, so a test can tell when an agent called again.
 *
 * <p>A cut resets every open connection and every new one until {@link #restore()}. A reset
 * fails the agent's call at once. A network that silently drops packets would instead make
 * each call wait for its time-out, which is a different test.
 */
final class LoopbackProxy implements AutoCloseable {
  /** How long the proxy waits to connect to the target before it gives the connection up. */
  private static final int CONNECT_TIMEOUT_MILLIS = 2000;

  /**
   * One connection the proxy accepted.
   *
   * @param acceptedAt when the proxy accepted it
   * @param forwarded whether the proxy connected it to the target
   */
  record Connection(Instant acceptedAt, boolean forwarded) {}

  private final ServerSocket listener;
  private final int targetPort;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Connection> connections = new ArrayList<>();
  private volatile boolean cut;
  private volatile boolean closed;
  private final AtomicInteger socketsReset = new AtomicInteger();

  private LoopbackProxy(ServerSocket listener, int targetPort) {
    this.listener = listener;
    this.targetPort = targetPort;
    this.acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /** Starts a proxy on a free loopback port that forwards to {@code targetPort}. */
  static LoopbackProxy start(int targetPort) throws IOException {
    ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    LoopbackProxy proxy = new LoopbackProxy(listener, targetPort);
    proxy.acceptor.start();
    return proxy;
  }

  /** Returns the HTTPS URL that reaches the target through this proxy. */
  String url() {
    return "https://127.0.0.1:" + listener.getLocalPort();
  }

  /** Resets every open connection, and every new one until {@link #restore()}. */
  void cut() {
    cut = true;
    resetAll();
  }

  /** Forwards new connections again. */
  void restore() {
    cut = false;
  }

  /**
   * Returns how many sockets the proxy has reset so far, on either side. A forwarded
   * connection has two.
   */
  int socketsReset() {
    return socketsReset.get();
  }

  /** Returns the connections accepted so far, oldest first. */
  List<Connection> connections() {
    synchronized (connections) {
      return List.copyOf(connections);
    }
  }

  /** Stops listening and resets every open connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // Closing a listening socket that is already closed is not an error here.
    }
    resetAll();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      Instant acceptedAt = Instant.now();
      Socket target = cut ? null : connectTarget();
      synchronized (connections) {
        connections.add(new Connection(acceptedAt, target != null));
      }
      if (target == null) {
        reset(client);
        continue;
      }
      open.add(client);
      open.add(target);
      // A cut may have run between the check above and the registration.
      if (cut || closed) {
        resetAll();
        continue;
      }
      pump(client, target, "up");
      pump(target, client, "down");
    }
  }

  private Socket connectTarget() {
    Socket target = new Socket();
    try {
      target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort),
          CONNECT_TIMEOUT_MILLIS);
      return target;
    } catch (IOException e) {
      closeQuietly(target);
      return null;
    }
  }

  /** Copies bytes from {@code from} to {@code to} on a thread of its own until either ends. */
  private void pump(Socket from, Socket to, String direction) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // The other pump, a cut or close() ended the connection.
      } finally {
        open.remove(from);
        open.remove(to);
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-" + direction + "-" + listener.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  private void resetAll() {
    for (Socket socket : List.copyOf(open)) {
      open.remove(socket);
      reset(socket);
    }
  }

  /** Closes a socket with a TCP reset, as a broken network path shows itself to the peer. */
  private void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // Already closed: nothing left to reset.
    }
    closeQuietly(socket);
    socketsReset.incrementAndGet();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more can be done with a socket that fails to close.
    }
  }
}

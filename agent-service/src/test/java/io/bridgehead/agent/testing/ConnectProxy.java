package io.bridgehead.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy for tests that accepts {@code CONNECT} only, on 127.0.0.1, with optional Basic
 * authentication. It opens tunnels to loopback targets alone and answers 403 for any other
 * host, so a test through it cannot send traffic off the machine. It counts what it saw.
 */
public final class ConnectProxy implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 2000;
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "::1",
      "[::1]");

  private final ServerSocket listener;
  /** The expected Proxy-Authorization value, or null when the proxy needs no credentials. */
  private final String expectedAuthorization;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<String> connectTargets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger challenges = new AtomicInteger();
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  /** Bytes the tunnels may still relay to their clients before the cut, or -1 for no cut. */
  private long cutBudget = -1;
  private volatile boolean closed;

  private ConnectProxy(ServerSocket listener, String expectedAuthorization) {
    this.listener = listener;
    this.expectedAuthorization = expectedAuthorization;
    this.acceptor = new Thread(this::acceptLoop, "connect-proxy-" + listener.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /** Starts a proxy without authentication on a free loopback port. */
  public static ConnectProxy start() throws IOException {
    return start(null, null);
  }

  /** Starts a proxy that requires Basic credentials {@code user} and {@code password}. */
  public static ConnectProxy start(String user, String password) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    String expected = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    ConnectProxy proxy = new ConnectProxy(listener, expected);
    proxy.acceptor.start();
    return proxy;
  }

  /** Returns the proxy's URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Returns how many TCP connections the proxy accepted. */
  public int connections() {
    return connections.get();
  }

  /** Returns how many 407 responses the proxy sent. */
  public int challenges() {
    return challenges.get();
  }

  /** Returns how many tunnels the proxy opened to a target. */
  public int tunnels() {
    return tunnels.get();
  }

  /**
   * Closes every open connection once, as a network failure does, after the tunnels together
   * relayed {@code bytes} more bytes to their clients. Later connections are left alone.
   */
  public synchronized void cutOnceAfter(long bytes) {
    cutBudget = bytes;
  }

  /** Returns how many times the proxy cut its connections. */
  public int cuts() {
    return cuts.get();
  }

  /** Returns the {@code HOST:PORT} of every CONNECT request, in order. */
  public List<String> connectTargets() {
    return List.copyOf(connectTargets);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      open.add(client);
      Thread handler = new Thread(() -> serve(client), "connect-proxy-client");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        List<String> head = readHead(in);
        if (head.isEmpty()) {
          return;
        }
        String[] requestLine = head.get(0).split(" ");
        if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
          respond(out, "405 Method Not Allowed", "");
          return;
        }
        String target = requestLine[1];
        connectTargets.add(target);
        if (expectedAuthorization != null
            && !expectedAuthorization.equals(header(head, "proxy-authorization"))) {
          challenges.incrementAndGet();
          respond(out, "407 Proxy Authentication Required",
              "Proxy-Authenticate: Basic realm=\"test\"\r\n");
          continue;
        }
        tunnel(client, in, out, target);
        return;
      }
    } catch (IOException e) {
      // The client went away; nothing to report in a test proxy.
    } finally {
      closeQuietly(client);
    }
  }

  private void tunnel(Socket client, InputStream in, OutputStream out, String target)
      throws IOException {
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? target : target.substring(0, colon);
    if (colon < 0 || !LOOPBACK_NAMES.contains(host.toLowerCase(Locale.ROOT))) {
      respond(out, "403 Forbidden", "");
      return;
    }
    int port = Integer.parseInt(target.substring(colon + 1));
    Socket upstream = new Socket();
    open.add(upstream);
    try {
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      closeQuietly(upstream);
      respond(out, "502 Bad Gateway", "");
      return;
    }
    tunnels.incrementAndGet();
    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Thread back = new Thread(() -> pump(upstream, client, true), "connect-proxy-back");
    back.setDaemon(true);
    back.start();
    pump(client, upstream, false);
    try {
      back.join(CONNECT_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pump(Socket from, Socket to, boolean toClient) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) != -1) {
        out.write(buffer, 0, read);
        out.flush();
        if (toClient && spendBudget(read)) {
          cuts.incrementAndGet();
          for (Socket socket : open) {
            closeQuietly(socket);
          }
        }
      }
    } catch (IOException e) {
      // One side closed; closing both below ends the other pump too.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Counts relayed bytes against the cut budget and returns true when they used it up. */
  private synchronized boolean spendBudget(int bytes) {
    if (cutBudget < 0) {
      return false;
    }
    cutBudget -= bytes;
    if (cutBudget >= 0) {
      return false;
    }
    cutBudget = -1;
    return true;
  }

  /** Reads a request's head byte by byte, so no tunnel bytes after it are consumed. */
  private static List<String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int lastFour = 0;
    int value;
    while ((value = in.read()) != -1) {
      bytes.write(value);
      lastFour = (lastFour << 8 | value) & 0xFFFFFFFF;
      if (lastFour == 0x0D0A0D0A) {
        break;
      }
      if (bytes.size() > MAX_HEADER_BYTES) {
        throw new IOException("request head too long");
      }
    }
    if (value == -1) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String header(List<String> head, String lowerCaseName) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
          .equals(lowerCaseName)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static void respond(OutputStream out, String status, String headers)
      throws IOException {
    out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }
}

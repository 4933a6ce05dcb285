package io.bridgehead.agent.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sends one HTTP {@code CONNECT} request to a proxy and reads the head of its response. */
final class ProxyTunnel {
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  /**
   * The head of a proxy's response.
   *
   * @param status the HTTP status, for example 200 or 407
   * @param statusLine the whole status line, for messages
   * @param headers the header lines, unparsed
   */
  record Response(int status, String statusLine, List<String> headers) {
    /** Returns the values of a header, compared without case. */
    List<String> header(String name) {
      List<String> values = new ArrayList<>();
      for (String line : headers) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          values.add(line.substring(colon + 1).trim());
        }
      }
      return values;
    }
  }

  private ProxyTunnel() {}

  /**
   * Asks the proxy on {@code socket} for a tunnel to {@code host} and {@code port}. After a
   * 200 response the socket carries the tunnel; it reads nothing past the response's head.
   *
   * @param authorization the {@code Proxy-Authorization} value to send, or null
   * @throws ProtocolFailure when the proxy's response is not HTTP, or none came in time
   * @throws IOException when the connection fails or the read times out
   */
  static Response open(Socket socket, String host, int port, String authorization)
      throws IOException {
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    StringBuilder request = new StringBuilder()
        .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
        .append("Host: ").append(authority).append("\r\n");
    if (authorization != null) {
      request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
    }
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return readHead(socket.getInputStream());
  }

  private static Response readHead(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int lastFour = 0;
    int value;
    // Byte by byte, so that no byte of the tunnel after the head is consumed.
    try {
      while ((value = in.read()) != -1) {
        bytes.write(value);
        lastFour = lastFour << 8 | value;
        if (lastFour == 0x0D0A0D0A) {
          break;
        }
        if (bytes.size() > MAX_HEAD_BYTES) {
          throw new ProtocolFailure("its response head is longer than " + MAX_HEAD_BYTES
              + " bytes");
        }
      }
    } catch (SocketTimeoutException e) {
      throw new ProtocolFailure("it sent no complete response to CONNECT within the time"
          + " limit");
    }

    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String statusLine = lines.length == 0 ? "" : lines[0];
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")
        || !parts[1].matches("\\d{3}")) {
      throw new ProtocolFailure(value == -1 && text.isEmpty() ? "it closed the connection"
          + " without a response" : "its response does not start with an HTTP status line");
    }
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        headers.add(lines[i]);
      }
    }
    return new Response(Integer.parseInt(parts[1]), statusLine, headers);
  }

  /** The proxy's response was not HTTP, or none came in time. */
  static final class ProtocolFailure extends IOException {
    ProtocolFailure(String message) {
      super(message);
    }
  }
}

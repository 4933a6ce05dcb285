package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test client that speaks raw bytes to a Unix socket, so that tests can send what a real
 * client never would. Every read waits at most the given time.
 */
final class RawClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SocketChannel channel;

  private RawClient(SocketChannel channel) {
    this.channel = channel;
  }

  static RawClient connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return new RawClient(channel);
  }

  /** Connects and completes the handshake. */
  static RawClient connectWithHello(Path socket) throws Exception {
    RawClient client = connect(socket);
    client.sendJson("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ipc.hello\","
        + "\"params\":{\"protocol\":1,\"client\":\"raw-test/1\"}}");
    JsonNode answer = client.readFrame();
    if (!answer.has("result")) {
      throw new AssertionError("handshake failed: " + answer);
    }
    return client;
  }

  void sendRaw(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  void sendFrame(byte[] body) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(4 + body.length);
    frame.putInt(body.length).put(body).flip();
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
  }

  void sendJson(String json) throws IOException {
    sendFrame(json.getBytes(StandardCharsets.UTF_8));
  }

  void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  /** Returns the next frame as JSON; fails when none arrives in time. */
  JsonNode readFrame() throws Exception {
    byte[] body = withTimeout(() -> {
      byte[] header = readExactly(4);
      if (header == null) {
        throw new IOException("the server closed the connection instead of answering");
      }
      int length = ByteBuffer.wrap(header).getInt();
      return readExactly(length);
    });
    return MAPPER.readTree(body);
  }

  /** Returns whether the server closed the connection, reading nothing more, within WAIT. */
  boolean closedByServer() throws Exception {
    return withTimeout(() -> {
      ByteBuffer one = ByteBuffer.allocate(1);
      try {
        return channel.read(one) < 0;
      } catch (IOException e) {
        return true;
      }
    });
  }

  private byte[] readExactly(int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return null;
      }
    }
    return buffer.array();
  }

  private <T> T withTimeout(IoSupplier<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        result.complete(body.get());
      } catch (IOException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    }, "raw-client-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      close();
      throw new AssertionError("no answer within " + WAIT);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}

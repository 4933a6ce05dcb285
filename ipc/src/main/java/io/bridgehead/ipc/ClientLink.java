package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.ipc.rpc.FrameReader;
import io.bridgehead.ipc.rpc.FrameTooLargeException;
import io.bridgehead.ipc.rpc.FrameWriter;
import io.bridgehead.ipc.rpc.InvalidMessageException;
import io.bridgehead.ipc.rpc.JsonRpc;
import io.bridgehead.ipc.transport.Connection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of an {@link IpcClient}: it sends requests, and its reader thread matches
 * responses to waiting calls by id and hands notifications to the client.
 */
final class ClientLink {
  private static final Logger log = LoggerFactory.getLogger(ClientLink.class);

  private final IpcClient owner;
  private final Connection connection;
  private final String serviceName;
  private final FrameReader reader;
  private final FrameWriter writer;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicBoolean lost = new AtomicBoolean();
  /** Topics subscribed on this connection. */
  private final Set<String> topics = ConcurrentHashMap.newKeySet();

  ClientLink(IpcClient owner, Connection connection, String serviceName, int maxFrameBytes) {
    this.owner = owner;
    this.connection = connection;
    this.serviceName = serviceName;
    this.reader = new FrameReader(connection.input(), maxFrameBytes);
    this.writer = new FrameWriter(connection.output(), maxFrameBytes);
  }

  void start(String threadName) {
    DaemonThreads.start(threadName, this::readLoop);
  }

  boolean isSubscribed(String topic) {
    return topics.contains(topic);
  }

  void subscribed(String topic, boolean value) {
    if (value) {
      topics.add(topic);
    } else {
      topics.remove(topic);
    }
  }

  /** Sends a request and waits for its response. */
  JsonNode call(String method, JsonNode params, Duration timeout)
      throws RpcException, IOException {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    if (lost.get()) {
      pending.remove(id);
      throw new ServiceNotRunningException("the connection to the " + serviceName
          + " service was lost");
    }
    try {
      writer.write(JsonRpc.encode(JsonRpc.request(id, method, params)));
    } catch (FrameTooLargeException e) {
      pending.remove(id);
      throw e;
    } catch (IOException e) {
      pending.remove(id);
      close("sending failed: " + e.getMessage());
      throw new ServiceNotRunningException("sending '" + method + "' to the " + serviceName
          + " service failed: " + e.getMessage(), e);
    }
    return await(method, id, answer, timeout);
  }

  private JsonNode await(String method, long id, CompletableFuture<JsonNode> answer,
      Duration timeout) throws RpcException, IOException {
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.remove(id);
      throw new InterruptedIOException("'" + method + "' on the " + serviceName
          + " service timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      pending.remove(id);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for '" + method + "'");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RpcException rpc) {
        throw new RpcException(rpc.code(), rpc.getMessage(), rpc.data());
      }
      throw new ServiceNotRunningException(cause.getMessage(), cause);
    }
  }

  /** Closes the connection; calls still waiting fail with {@link ServiceNotRunningException}. */
  void close(String reason) {
    if (!lost.compareAndSet(false, true)) {
      return;
    }
    connection.close();
    ServiceNotRunningException failure = new ServiceNotRunningException("the connection to the "
        + serviceName + " service was lost before it responded: " + reason);
    for (Long id : List.copyOf(pending.keySet())) {
      CompletableFuture<JsonNode> answer = pending.remove(id);
      if (answer != null) {
        answer.completeExceptionally(failure);
      }
    }
    owner.linkLost(this, reason);
  }

  private void readLoop() {
    String reason = "the service closed the connection";
    try {
      while (!lost.get()) {
        byte[] body = reader.read();
        if (body == null) {
          break;
        }
        onFrame(body);
      }
    } catch (IOException e) {
      reason = "reading failed: " + e.getMessage();
    } catch (RuntimeException e) {
      log.error("Reading from the {} service failed", serviceName, e);
      reason = "internal error: " + e;
    }
    close(reason);
  }

  private void onFrame(byte[] body) {
    JsonNode message;
    try {
      message = JsonRpc.parse(body);
    } catch (InvalidMessageException e) {
      log.warn("The {} service sent a frame that is not JSON; ignoring it: {}", serviceName,
          e.getMessage());
      return;
    }
    if (message.has("method")) {
      onNotification(message);
      return;
    }
    JsonNode id = message.get("id");
    JsonNode error = message.get("error");
    if (id == null || !id.canConvertToLong()) {
      log.warn("The {} service rejected a message: {} {}", serviceName,
          error == null ? "" : error.path("code").asInt(),
          error == null ? message : error.path("message").asText());
      return;
    }
    CompletableFuture<JsonNode> answer = pending.remove(id.asLong());
    if (answer == null) {
      log.debug("The {} service responded to request {}, which no longer waits", serviceName,
          id);
      return;
    }
    if (error != null) {
      answer.completeExceptionally(new RpcException(error.path("code").asInt(),
          error.path("message").asText(), error.get("data")));
    } else {
      answer.complete(message.get("result"));
    }
  }

  private void onNotification(JsonNode message) {
    if (!JsonRpc.EVENT_METHOD.equals(message.path("method").asText())) {
      log.debug("Ignoring the {} service's notification {}", serviceName,
          message.path("method"));
      return;
    }
    JsonNode params = message.path("params");
    owner.deliver(params.path("topic").asText(), params.path("data"));
  }
}

package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.rpc.FrameReader;
import io.bridgehead.ipc.rpc.FrameTooLargeException;
import io.bridgehead.ipc.rpc.FrameWriter;
import io.bridgehead.ipc.rpc.Handshake;
import io.bridgehead.ipc.rpc.InvalidMessageException;
import io.bridgehead.ipc.rpc.JsonRpc;
import io.bridgehead.ipc.rpc.Request;
import io.bridgehead.ipc.transport.ServerConnection;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of an {@link IpcServer}: a reader thread that parses and dispatches
 * requests, and a writer thread that drains a bounded queue of outgoing frames, so that no
 * handler and no publisher ever waits for a slow client.
 */
final class ServerSession {
  private static final Logger log = LoggerFactory.getLogger(ServerSession.class);
  /** Queued after the last frame to send; the writer closes the connection when it takes it. */
  private static final byte[] CLOSE = new byte[0];

  private final IpcServer server;
  private final ServerConnection connection;
  private final PeerIdentity peer;
  private final int number;
  private final IpcSettings settings;
  private final FrameReader reader;
  private final FrameWriter writer;
  /** Frames waiting for the writer thread; when it is full the client is too slow. */
  private final BlockingQueue<byte[]> outbound;
  private final Semaphore inFlight;
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Whether ipc.hello succeeded; written and read by the reader thread only. */
  private boolean handshakeDone;
  private Thread readerThread;
  private Thread writerThread;

  ServerSession(IpcServer server, ServerConnection connection, int number) {
    this.server = server;
    this.connection = connection;
    this.peer = connection.peer();
    this.number = number;
    this.settings = server.settings();
    this.reader = new FrameReader(connection.input(), settings.maxFrameBytes());
    this.writer = new FrameWriter(connection.output(), settings.maxFrameBytes());
    this.outbound = new ArrayBlockingQueue<>(
        settings.outboundQueueFrames() + settings.maxRequestsInFlight() + 2);
    this.inFlight = new Semaphore(settings.maxRequestsInFlight());
  }

  void start() {
    String prefix = "ipc-" + server.name() + "-connection-" + number;
    writerThread = DaemonThreads.start(prefix + "-writer", this::writeLoop);
    readerThread = DaemonThreads.start(prefix + "-reader", this::readLoop);
  }

  boolean isSubscribed(String topic) {
    return subscriptions.contains(topic);
  }

  void sendNotification(byte[] frame) {
    if (!closed.get() && !outbound.offer(frame)) {
      log.warn("Dropped IPC connection {} of {}: it reads too slowly, {} frames are waiting",
          number, peer, outbound.size());
      close("the client reads notifications too slowly");
    }
  }

  /** Closes the connection when a frame has stalled or the connection sat idle too long. */
  void checkTimeouts(long now) {
    long frameTimeout = settings.frameTimeout().toNanos();
    long partialSince = reader.partialSince();
    if (partialSince != 0 && now - partialSince > frameTimeout) {
      log.warn("Closed IPC connection {} of {}: it sent part of a frame and then nothing for"
          + " {}", number, peer, settings.frameTimeout());
      close("a frame stalled");
      return;
    }
    long writingSince = writer.writingSince();
    if (writingSince != 0 && now - writingSince > frameTimeout) {
      log.warn("Closed IPC connection {} of {}: it has not read a frame for {}", number, peer,
          settings.frameTimeout());
      close("the client stopped reading");
      return;
    }
    boolean busy = partialSince != 0 || !subscriptions.isEmpty()
        || inFlight.availablePermits() < settings.maxRequestsInFlight();
    if (!busy && now - reader.lastFrameAt() > settings.idleTimeout().toNanos()) {
      log.debug("Closed IPC connection {} of {}: idle for {}", number, peer,
          settings.idleTimeout());
      close("idle");
    }
  }

  /** Closes the connection now, dropping frames not yet written. Safe from any thread. */
  void close(String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    connection.close();
    outbound.clear();
    outbound.offer(CLOSE);
    server.removed(this);
    log.debug("IPC connection {} of {} closed: {}", number, peer, reason);
  }

  /** Waits until the reader and writer threads have ended; returns whether they have. */
  boolean awaitThreads(long deadline) {
    try {
      for (Thread thread : new Thread[] {readerThread, writerThread}) {
        long millis = TimeUnit.NANOSECONDS.toMillis(IpcServer.remainingNanos(deadline));
        thread.join(Math.max(1, millis));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !readerThread.isAlive() && !writerThread.isAlive();
  }

  private void readLoop() {
    try {
      while (!closed.get()) {
        byte[] body = reader.read();
        if (body == null) {
          closeAfterSending(null);
          return;
        }
        if (!onFrame(body)) {
          return;
        }
      }
    } catch (FrameTooLargeException e) {
      log.warn("Closing IPC connection {} of {}: {}", number, peer, e.getMessage());
      closeAfterSending(JsonRpc.error(null, ErrorCodes.INVALID_REQUEST, e.getMessage(), null));
    } catch (IOException e) {
      if (!closed.get()) {
        log.debug("IPC connection {} of {} failed while reading", number, peer, e);
      }
      close("read failed: " + e.getMessage());
    } catch (RuntimeException e) {
      log.error("Serving IPC connection {} of {} failed; closing it", number, peer, e);
      close("internal error");
    }
  }

  /** Handles one frame and returns whether to keep reading. */
  private boolean onFrame(byte[] body) {
    Request request;
    try {
      if (body.length == 0) {
        throw new InvalidMessageException(ErrorCodes.INVALID_REQUEST,
            "empty frame: each frame must hold one JSON-RPC request", null);
      }
      request = JsonRpc.toRequest(JsonRpc.parse(body));
    } catch (InvalidMessageException e) {
      ObjectNode reply = JsonRpc.error(e.id(), e.code(), e.getMessage(), null);
      if (!handshakeDone) {
        closeAfterSending(reply);
        return false;
      }
      send(e.id(), reply);
      return true;
    }
    if (!handshakeDone) {
      return hello(request);
    }
    dispatch(request);
    return true;
  }

  private boolean hello(Request request) {
    String problem = null;
    int code = ErrorCodes.INVALID_REQUEST;
    JsonNode data = null;
    if (!Handshake.METHOD.equals(request.method()) || request.isNotification()) {
      problem = "the first request on a connection must be ipc.hello with an id and the"
          + " parameters {\"protocol\": " + Handshake.PROTOCOL + ", \"client\": \"name/version\"}";
    } else if (!peer.allowed()) {
      code = ErrorCodes.ACCESS_DENIED;
      problem = "user " + peer.user() + " may not use this service; an administrator can add"
          + " the account to the group allowed to use Bridgehead";
    } else {
      try {
        String client = Handshake.checkHello(request.params());
        log.debug("IPC connection {} of {} is {}", number, peer, client);
      } catch (RpcException e) {
        code = e.code();
        problem = e.getMessage();
        data = e.data();
      }
    }
    if (problem != null) {
      closeAfterSending(JsonRpc.error(request.id(), code, problem, data));
      return false;
    }
    handshakeDone = true;
    long pid = ProcessHandle.current().pid();
    send(request.id(), JsonRpc.result(request.id(),
        Handshake.helloResult(server.serverName(), pid, peer)));
    return true;
  }

  private void dispatch(Request request) {
    String method = request.method();
    try {
      if (Handshake.METHOD.equals(method)) {
        throw new RpcException(ErrorCodes.INVALID_REQUEST,
            "the handshake is already done on this connection");
      }
      if (IpcServer.SUBSCRIBE.equals(method) || IpcServer.UNSUBSCRIBE.equals(method)) {
        reply(request, subscription(method, request.params()));
        return;
      }
      RegisteredMethod target = server.method(method);
      if (target == null) {
        throw new RpcException(ErrorCodes.METHOD_NOT_FOUND, "method '" + method
            + "' not found");
      }
      if (!peer.permits(target.access())) {
        throw new RpcException(ErrorCodes.ACCESS_DENIED, "method '" + method + "' changes the"
            + " service and needs an administrator, but user " + peer.user() + " is not one;"
            + " run it as root on Linux, or from an elevated prompt on Windows");
      }
      submit(target, request);
    } catch (RpcException e) {
      reply(request, e);
    }
  }

  private void submit(RegisteredMethod target, Request request) throws RpcException {
    if (!inFlight.tryAcquire()) {
      throw new RpcException(ErrorCodes.TOO_MANY_REQUESTS, "too many requests in flight on"
          + " this connection: the limit is " + settings.maxRequestsInFlight()
          + "; wait for answers before sending more");
    }
    try {
      server.execute(() -> run(target, request));
    } catch (RejectedExecutionException e) {
      inFlight.release();
      throw new RpcException(ErrorCodes.SERVICE_BUSY, server.isClosed()
          ? "the service is shutting down"
          : "the service is busy: too many calls are waiting; try again shortly");
    }
  }

  private void run(RegisteredMethod target, Request request) {
    ObjectNode response;
    try {
      JsonNode result = target.handler().handle(request.params(), peer);
      response = JsonRpc.result(request.id(), result);
    } catch (RpcException e) {
      response = JsonRpc.error(request.id(), e.code(), e.getMessage(), e.data());
    } catch (RuntimeException e) {
      log.error("IPC method {} failed for {}", target.name(), peer, e);
      response = JsonRpc.error(request.id(), ErrorCodes.INTERNAL_ERROR, "method '"
          + target.name() + "' failed with an internal error; the service log has the details",
          null);
    } finally {
      inFlight.release();
    }
    if (!request.isNotification()) {
      send(request.id(), response);
    }
  }

  private JsonNode subscription(String method, ObjectNode params) throws RpcException {
    JsonNode topic = params.get("topic");
    if (topic == null || !topic.isTextual()) {
      throw RpcException.invalidParams("'topic' must be a string");
    }
    if (!server.topics().contains(topic.textValue())) {
      throw RpcException.invalidParams("unknown topic '" + topic.textValue() + "'; topics: "
          + server.topics());
    }
    boolean subscribe = IpcServer.SUBSCRIBE.equals(method);
    if (subscribe) {
      subscriptions.add(topic.textValue());
    } else {
      subscriptions.remove(topic.textValue());
    }
    ObjectNode result = JsonRpc.object();
    result.put("topic", topic.textValue());
    result.put("subscribed", subscribe);
    return result;
  }

  private void reply(Request request, JsonNode result) {
    if (!request.isNotification()) {
      send(request.id(), JsonRpc.result(request.id(), result));
    }
  }

  private void reply(Request request, RpcException e) {
    if (!request.isNotification()) {
      send(request.id(), JsonRpc.error(request.id(), e.code(), e.getMessage(), e.data()));
    }
  }

  /** Queues a response; one above the frame limit is replaced by an error. */
  private void send(JsonNode id, ObjectNode message) {
    byte[] frame = JsonRpc.encode(message);
    if (frame.length > settings.maxFrameBytes()) {
      frame = JsonRpc.encode(JsonRpc.error(id, ErrorCodes.INTERNAL_ERROR, "the response of "
          + frame.length + " bytes exceeds the frame limit of " + settings.maxFrameBytes()
          + " bytes", null));
    }
    if (!closed.get() && !outbound.offer(frame)) {
      log.warn("Dropped IPC connection {} of {}: it reads too slowly, {} frames are waiting",
          number, peer, outbound.size());
      close("the client reads answers too slowly");
    }
  }

  /** Sends a last frame, when there is one, then closes; the reader stops at once. */
  private void closeAfterSending(ObjectNode lastFrame) {
    if (lastFrame != null && !outbound.offer(JsonRpc.encode(lastFrame))) {
      close("the client reads too slowly");
      return;
    }
    if (!outbound.offer(CLOSE)) {
      close("the client reads too slowly");
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        byte[] frame = outbound.take();
        if (frame == CLOSE) {
          close("done");
          return;
        }
        writer.write(frame);
      }
    } catch (InterruptedException e) {
      close("interrupted");
    } catch (IOException e) {
      if (!closed.get()) {
        log.debug("Writing to IPC connection {} of {} failed", number, peer, e);
      }
      close("write failed: " + e.getMessage());
    }
  }
}

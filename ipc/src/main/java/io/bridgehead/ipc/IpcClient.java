package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.rpc.Handshake;
import io.bridgehead.ipc.rpc.JsonRpc;
import io.bridgehead.ipc.transport.Connection;
import io.bridgehead.ipc.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one service that keeps itself up. Usage:
 *
 * <pre>{@code
 * try (IpcClient client = IpcClient.builder(Transports.forCurrentPlatform(), EndpointName.ACCESS)
 *     .clientName("bridgehead-console/0.1.0")
 *     .stateListener((state, reason) -> Platform.runLater(() -> view.show(state, reason)))
 *     .build()) {
 *   client.start();
 *   client.subscribe("status", (topic, data) -> Platform.runLater(() -> view.update(data)));
 *   JsonNode status = client.call("status.get", null, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>{@link #start()} makes one connection attempt before it returns; after that, whenever the
 * connection is lost the client reconnects in the background with capped exponential back-off,
 * does the handshake again and subscribes again to every topic. While it is not connected,
 * {@link #call} fails at once with {@link ServiceNotRunningException}.
 */
public final class IpcClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IpcClient.class);

  private final Transport transport;
  private final EndpointName name;
  private final String clientName;
  private final int maxFrameBytes;
  private final Duration handshakeTimeout;
  private final ReconnectBackoff backoff;
  private final ConnectionListener stateListener;
  private final Map<String, NotificationListener> subscriptions = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  /** The connection past its handshake; null while disconnected. Guarded by lock. */
  private ClientLink link;
  /** The server's report from the last handshake; null before the first. Guarded by lock. */
  private ServerInfo serverInfo;
  /** The reason the client is not connected, for exceptions. Guarded by lock. */
  private String lastFailure = "the client was not started";
  /** The state last given to the listener; null before the first. Guarded by lock. */
  private ConnectionState reportedState;
  private boolean started;
  private boolean closed;
  private Thread connector;

  private IpcClient(Builder builder) {
    this.transport = builder.transport;
    this.name = builder.name;
    this.clientName = builder.clientName;
    this.maxFrameBytes = builder.maxFrameBytes;
    this.handshakeTimeout = builder.handshakeTimeout;
    this.backoff = new ReconnectBackoff(builder.reconnectInitial, builder.reconnectCap);
    this.stateListener = builder.stateListener;
  }

  public static Builder builder(Transport transport, EndpointName name) {
    return new Builder(transport, name);
  }

  /**
   * Makes the first connection attempt and starts reconnecting in the background. It does not
   * throw when the service is down: {@link #state()} then returns DISCONNECTED and calls fail fast.
   *
   * @throws IllegalStateException when the client was already started or closed
   */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        throw new IllegalStateException("the IPC client for " + name + " was already "
            + (closed ? "closed" : "started"));
      }
      started = true;
    }
    if (attempt()) {
      backoff.reset();
    }
    Thread thread = new Thread(this::reconnectLoop, "ipc-client-" + name + "-connector");
    thread.setDaemon(true);
    synchronized (lock) {
      connector = thread;
    }
    thread.start();
  }

  public ConnectionState state() {
    synchronized (lock) {
      return closed ? ConnectionState.CLOSED
          : link != null ? ConnectionState.CONNECTED : ConnectionState.DISCONNECTED;
    }
  }

  /** Returns what the service reported in the last handshake, or null before the first. */
  public ServerInfo serverInfo() {
    synchronized (lock) {
      return serverInfo;
    }
  }

  /** Waits until the client is connected; returns false when the time-out passes first. */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (link == null && !closed) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, remaining);
      }
      return link != null;
    }
  }

  /**
   * Calls a method and returns its result.
   *
   * @param params the named parameters; null for none
   * @throws RpcException when the service responded with an error; {@link RpcException#code()}
   *     is one of {@link ErrorCodes} or the method's own
   * @throws ServiceNotRunningException at once when the client is not connected, or when the
   *     connection was lost before the response came
   * @throws java.io.InterruptedIOException when no response came within the time-out
   * @throws IllegalStateException when the client was not started or is closed
   */
  public JsonNode call(String method, JsonNode params, Duration timeout)
      throws RpcException, IOException {
    return currentLink().call(method, params, timeout);
  }

  /**
   * Subscribes to a topic; the subscription lasts across reconnections until
   * {@link #unsubscribe}. When the client is not connected, it subscribes on connecting.
   *
   * @throws RpcException when the service rejects the topic
   */
  public void subscribe(String topic, NotificationListener listener)
      throws RpcException, IOException {
    subscriptions.put(topic, listener);
    ClientLink current;
    synchronized (lock) {
      current = link;
    }
    if (current == null) {
      return;
    }
    try {
      current.call(IpcServer.SUBSCRIBE, topicParams(topic), handshakeTimeout);
      current.subscribed(topic, true);
    } catch (RpcException e) {
      subscriptions.remove(topic, listener);
      throw e;
    } catch (ServiceNotRunningException e) {
      log.debug("Subscribing to {} on the {} service waits for the reconnection", topic, name);
    }
  }

  /** Ends a subscription. */
  public void unsubscribe(String topic) throws IOException {
    subscriptions.remove(topic);
    ClientLink current;
    synchronized (lock) {
      current = link;
    }
    if (current == null) {
      return;
    }
    try {
      current.call(IpcServer.UNSUBSCRIBE, topicParams(topic), handshakeTimeout);
      current.subscribed(topic, false);
    } catch (RpcException e) {
      log.warn("Unsubscribing from {} on the {} service failed: {}", topic, name,
          e.getMessage());
    } catch (ServiceNotRunningException e) {
      log.debug("Unsubscribing from {}: the {} service is gone already", topic, name);
    }
  }

  /** Closes the connection and stops reconnecting; calling it again does nothing. */
  @Override
  public void close() {
    ClientLink current;
    Thread thread;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      current = link;
      link = null;
      thread = connector;
      lock.notifyAll();
    }
    if (current != null) {
      current.close("the client was closed");
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    report(ConnectionState.CLOSED, "");
  }

  /** Called by a link whose connection ended. */
  void linkLost(ClientLink lostLink, String reason) {
    boolean wasCurrent;
    synchronized (lock) {
      wasCurrent = link == lostLink;
      if (wasCurrent) {
        link = null;
        lastFailure = reason;
        lock.notifyAll();
      }
    }
    if (wasCurrent) {
      log.info("Lost the connection to the {} service at {}: {}; reconnecting", name,
          transport.describe(name), reason);
      report(ConnectionState.DISCONNECTED, reason);
    }
  }

  /** Called by a link's reader thread for each notification. */
  void deliver(String topic, JsonNode data) {
    NotificationListener listener = subscriptions.get(topic);
    if (listener == null) {
      return;
    }
    try {
      listener.onNotification(topic, data);
    } catch (RuntimeException e) {
      log.warn("A listener of topic {} on the {} service failed", topic, name, e);
    }
  }

  private ClientLink currentLink() throws ServiceNotRunningException {
    synchronized (lock) {
      if (!started || closed) {
        throw new IllegalStateException("the IPC client for " + name + " is "
            + (closed ? "closed" : "not started; call start() first"));
      }
      if (link == null) {
        throw new ServiceNotRunningException("the " + name + " service is not running or not"
            + " reachable at " + transport.describe(name) + " (" + lastFailure + "); start"
            + " the service, or read its log");
      }
      return link;
    }
  }

  private void reconnectLoop() {
    while (true) {
      synchronized (lock) {
        while (!closed && link != null) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            if (closed) {
              return;
            }
          }
        }
        if (closed) {
          return;
        }
      }
      try {
        Thread.sleep(backoff.nextDelay().toMillis());
      } catch (InterruptedException e) {
        synchronized (lock) {
          if (closed) {
            return;
          }
        }
      }
      if (attempt()) {
        backoff.reset();
      }
    }
  }

  /** Connects, does the handshake and subscribes; returns whether all of it succeeded. */
  private boolean attempt() {
    ClientLink candidate = null;
    try {
      Connection connection = transport.connect(name);
      candidate = new ClientLink(this, connection, name.role(), maxFrameBytes);
      candidate.start("ipc-client-" + name + "-reader");
      JsonNode hello = candidate.call(Handshake.METHOD, Handshake.helloParams(clientName),
          handshakeTimeout);
      ServerInfo info = Handshake.toServerInfo(hello);
      for (String topic : subscriptions.keySet()) {
        subscribeOn(candidate, topic);
      }
      synchronized (lock) {
        if (closed) {
          candidate.close("the client was closed");
          return false;
        }
        link = candidate;
        serverInfo = info;
        lastFailure = "";
        lock.notifyAll();
      }
    } catch (IOException | RpcException e) {
      if (candidate != null) {
        candidate.close("the connection attempt failed");
      }
      synchronized (lock) {
        lastFailure = e.getMessage();
      }
      log.debug("Connecting to the {} service at {} failed", name, transport.describe(name), e);
      report(ConnectionState.DISCONNECTED, e.getMessage());
      return false;
    }
    log.debug("Connected to the {} service at {}", name, transport.describe(name));
    // A topic subscribed while the handshake ran was not sent on this connection yet.
    for (String topic : subscriptions.keySet()) {
      if (!candidate.isSubscribed(topic)) {
        subscribeQuietly(candidate, topic);
      }
    }
    report(ConnectionState.CONNECTED, "");
    return true;
  }

  private void subscribeOn(ClientLink candidate, String topic) throws RpcException, IOException {
    candidate.call(IpcServer.SUBSCRIBE, topicParams(topic), handshakeTimeout);
    candidate.subscribed(topic, true);
  }

  private void subscribeQuietly(ClientLink candidate, String topic) {
    try {
      subscribeOn(candidate, topic);
    } catch (RpcException | IOException e) {
      log.warn("Subscribing to {} on the {} service failed: {}", topic, name, e.getMessage());
    }
  }

  /** Gives a state to the listener unless it was the last one given; never under the lock. */
  private void report(ConnectionState state, String reason) {
    synchronized (lock) {
      if (state == reportedState) {
        return;
      }
      reportedState = state;
    }
    try {
      stateListener.stateChanged(state, reason);
    } catch (RuntimeException e) {
      log.warn("The connection state listener of the {} client failed", name, e);
    }
  }

  private static ObjectNode topicParams(String topic) {
    ObjectNode params = JsonRpc.object();
    params.put("topic", topic);
    return params;
  }

  /** Collects the settings of a client; every setting has a default. */
  public static final class Builder {
    private final Transport transport;
    private final EndpointName name;
    private String clientName = "bridgehead-ipc-client";
    private int maxFrameBytes = IpcSettings.DEFAULT_MAX_FRAME_BYTES;
    private Duration handshakeTimeout = Duration.ofSeconds(5);
    private Duration reconnectInitial = Duration.ofMillis(200);
    private Duration reconnectCap = Duration.ofSeconds(10);
    private ConnectionListener stateListener = (state, reason) -> { };

    private Builder(Transport transport, EndpointName name) {
      this.transport = transport;
      this.name = name;
    }

    /** Sets the name/version sent in the handshake, for the service's log. */
    public Builder clientName(String value) {
      this.clientName = value;
      return this;
    }

    /** Sets the largest frame body, in bytes, sent or accepted; default 1 MiB. */
    public Builder maxFrameBytes(int value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxFrameBytes must be positive, got " + value);
      }
      this.maxFrameBytes = value;
      return this;
    }

    /** Sets how long the handshake and each re-subscription may take; default 5 s. */
    public Builder handshakeTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("handshakeTimeout must be positive, got " + value);
      }
      this.handshakeTimeout = value;
      return this;
    }

    /**
     * Sets the reconnect back-off: the first delay (default 200 ms), doubling per failure up to
     * the cap (default 10 s), each with random jitter.
     */
    public Builder reconnectBackoff(Duration initial, Duration cap) {
      ReconnectBackoff.check(initial, cap);
      this.reconnectInitial = initial;
      this.reconnectCap = cap;
      return this;
    }

    public Builder stateListener(ConnectionListener value) {
      this.stateListener = value;
      return this;
    }

    public IpcClient build() {
      return new IpcClient(this);
    }
  }
}

package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.rpc.FrameWriter;
import io.bridgehead.ipc.rpc.JsonRpc;
import io.bridgehead.ipc.transport.EndpointInUseException;
import io.bridgehead.ipc.transport.ServerConnection;
import io.bridgehead.ipc.transport.ServerEndpoint;
import io.bridgehead.ipc.transport.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's local JSON-RPC endpoint. Usage:
 *
 * <pre>{@code
 * IpcServer server = IpcServer.builder(Transports.forCurrentPlatform(), EndpointName.AUTOMATION)
 *     .serverName("bridgehead-automation/0.1.0")
 *     .method("status.get", Access.READ, (params, peer) -> status.toJson())
 *     .method("pool.select", Access.CHANGE, (params, peer) -> pools.select(params))
 *     .build();
 * server.start();
 * server.publish("status", status.toJson());  // to every client subscribed to "status"
 * server.close();
 * }</pre>
 *
 * <p>Each connection must start with the {@code ipc.hello} handshake. Besides the registered
 * methods the server serves {@code ipc.subscribe} and {@code ipc.unsubscribe}, whose
 * parameters are {@code {"topic": "status"}}. Who may call a {@link Access#CHANGE} method is
 * decided only from the peer identity the transport reports.
 */
public final class IpcServer implements AutoCloseable {
  static final String SUBSCRIBE = "ipc.subscribe";
  static final String UNSUBSCRIBE = "ipc.unsubscribe";

  private static final Logger log = LoggerFactory.getLogger(IpcServer.class);
  private static final Pattern METHOD_NAME =
      Pattern.compile("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Transport transport;
  private final EndpointName name;
  private final IpcSettings settings;
  private final String serverName;
  private final Map<String, RegisteredMethod> methods;
  private final Set<String> topics;
  private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionNumbers = new AtomicInteger();
  private final Object lifecycle = new Object();
  private boolean started;
  private volatile boolean closed;
  private ServerEndpoint endpoint;
  private Thread acceptThread;
  private ThreadPoolExecutor handlers;
  private ScheduledExecutorService watchdog;

  private IpcServer(Builder builder) {
    this.transport = builder.transport;
    this.name = builder.name;
    this.settings = builder.settings;
    this.serverName = builder.serverName;
    this.methods = Map.copyOf(builder.methods);
    this.topics = Set.copyOf(builder.topics);
  }

  public static Builder builder(Transport transport, EndpointName name) {
    return new Builder(transport, name);
  }

  /**
   * Binds the endpoint and starts serving.
   *
   * @throws EndpointInUseException when another server listens under the same name; the
   *     message names that server's process id when it responded to the handshake
   * @throws IllegalStateException when the server was already started or closed; a server
   *     whose start failed counts as closed
   */
  public void start() throws IOException {
    // Held throughout, so that a concurrent close() sees either nothing or a whole server.
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException("the IPC server for " + name + " was already "
            + (closed ? "closed" : "started") + "; build a new one");
      }
      started = true;
      try {
        endpoint = transport.bind(name);
      } catch (EndpointInUseException e) {
        closed = true;
        throw describeHolder(e);
      } catch (IOException | RuntimeException e) {
        closed = true;
        throw e;
      }
      // Calls beyond the threads wait; the per-connection limits bound how many can wait.
      int queued = settings.maxConnections() * settings.maxRequestsInFlight();
      handlers = new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(),
          30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queued),
          DaemonThreads.factory("ipc-" + name + "-handler"));
      handlers.allowCoreThreadTimeOut(true);
      watchdog = Executors.newSingleThreadScheduledExecutor(
          DaemonThreads.factory("ipc-" + name + "-watchdog"));
      long period = watchdogPeriod().toMillis();
      watchdog.scheduleWithFixedDelay(this::checkTimeouts, period, period,
          TimeUnit.MILLISECONDS);
      acceptThread = DaemonThreads.start("ipc-" + name + "-accept", this::acceptLoop);
    }
    log.info("IPC server {} listening at {}", name, endpoint.address());
  }

  /**
   * Sends a notification to every connection subscribed to a topic. A connection whose queue
   * of unsent notifications is full is closed rather than waited for.
   *
   * @throws IllegalArgumentException when the topic was not declared on the builder, or the
   *     notification is above the frame limit
   */
  public void publish(String topic, JsonNode data) {
    if (!topics.contains(topic)) {
      throw new IllegalArgumentException("unknown topic '" + topic + "'; declare it with"
          + " Builder.topic(), declared topics: " + topics);
    }
    ObjectNode params = JsonRpc.object();
    params.put("topic", topic);
    params.set("data", data);
    byte[] frame = JsonRpc.encode(JsonRpc.notification(JsonRpc.EVENT_METHOD, params));
    if (frame.length > settings.maxFrameBytes()) {
      throw new IllegalArgumentException("a notification of " + frame.length + " bytes on '"
          + topic + "' exceeds the frame limit of " + settings.maxFrameBytes() + " bytes");
    }
    for (ServerSession session : sessions) {
      if (session.isSubscribed(topic)) {
        session.sendNotification(frame);
      }
    }
  }

  /** Returns the number of open connections. */
  public int connectionCount() {
    return sessions.size();
  }

  public EndpointName name() {
    return name;
  }

  /**
   * Stops accepting, closes every connection and waits up to
   * {@link IpcSettings#closeTimeout()} for threads and running handlers to end. Calling it
   * again does nothing.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (endpoint == null) {
        return;
      }
    }
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    try {
      endpoint.close();
    } catch (IOException e) {
      log.warn("Closing the IPC endpoint {} failed", endpoint.address(), e);
    }
    List<ServerSession> open = List.copyOf(sessions);
    for (ServerSession session : open) {
      session.close("the server is closing");
    }
    watchdog.shutdownNow();
    handlers.shutdown();
    boolean stopped = join(acceptThread, deadline);
    for (ServerSession session : open) {
      stopped &= session.awaitThreads(deadline);
    }
    try {
      stopped &= handlers.awaitTermination(remainingNanos(deadline), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    if (stopped) {
      log.info("IPC server {} stopped", name);
    } else {
      handlers.shutdownNow();
      log.warn("IPC server {} did not stop within {}; {} handler threads were still running and"
          + " were interrupted", name, settings.closeTimeout(), handlers.getActiveCount());
    }
  }

  IpcSettings settings() {
    return settings;
  }

  String serverName() {
    return serverName;
  }

  Set<String> topics() {
    return topics;
  }

  RegisteredMethod method(String methodName) {
    return methods.get(methodName);
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs a handler on the shared pool; throws once the server is closing. */
  void execute(Runnable task) {
    handlers.execute(task);
  }

  void removed(ServerSession session) {
    sessions.remove(session);
  }

  private void acceptLoop() {
    while (!closed) {
      ServerConnection connection;
      try {
        connection = endpoint.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        log.warn("Accepting a connection on {} failed; retrying", endpoint.address(), e);
        pauseAfterFailure();
        continue;
      }
      admit(connection);
    }
  }

  private void admit(ServerConnection connection) {
    int number = connectionNumbers.incrementAndGet();
    if (closed || sessions.size() >= settings.maxConnections()) {
      rejectBusy(connection, number);
      return;
    }
    ServerSession session = new ServerSession(this, connection, number);
    sessions.add(session);
    log.debug("IPC connection {} on {} from {}", number, name, connection.peer());
    session.start();
  }

  private void rejectBusy(ServerConnection connection, int number) {
    String reason = closed ? "the service is shutting down"
        : "the service already serves " + settings.maxConnections() + " connections, its limit;"
            + " close other consoles or command lines and try again";
    log.warn("Rejected IPC connection {} on {} from {}: {}", number, name, connection.peer(),
        reason);
    try {
      FrameWriter writer = new FrameWriter(connection.output(), settings.maxFrameBytes());
      writer.write(JsonRpc.encode(JsonRpc.error(null, ErrorCodes.SERVICE_BUSY, reason, null)));
    } catch (IOException e) {
      log.debug("Sending the rejection to connection {} failed", number, e);
    } finally {
      connection.close();
    }
  }

  private void checkTimeouts() {
    long now = System.nanoTime();
    for (ServerSession session : sessions) {
      try {
        session.checkTimeouts(now);
      } catch (RuntimeException e) {
        log.error("Checking the time-outs of an IPC connection on {} failed", name, e);
      }
    }
  }

  private Duration watchdogPeriod() {
    Duration shortest = settings.frameTimeout().compareTo(settings.idleTimeout()) < 0
        ? settings.frameTimeout() : settings.idleTimeout();
    long millis = Math.max(10, Math.min(1000, shortest.toMillis() / 4));
    return Duration.ofMillis(millis);
  }

  /** Returns the exception to throw when a live server listens under the name, naming it. */
  private EndpointInUseException describeHolder(EndpointInUseException e) {
    String holder;
    try (IpcClient probe = IpcClient.builder(transport, name)
        .clientName("bridgehead-ipc-probe")
        .handshakeTimeout(PROBE_TIMEOUT)
        .build()) {
      probe.start();
      ServerInfo info = probe.serverInfo();
      holder = info == null ? "another process, which did not answer the ipc.hello handshake"
          : "process " + info.serverPid() + " (" + info.server() + ")";
    }
    EndpointInUseException described = new EndpointInUseException(e.address(),
        "cannot start the IPC server for " + name + ": " + holder + " already listens at "
            + e.address() + "; stop that process first, or give this server another address");
    described.initCause(e);
    return described;
  }

  private static void pauseAfterFailure() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean join(Thread thread, long deadline) {
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  static long remainingNanos(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** Collects the methods, topics and settings of a server. */
  public static final class Builder {
    private final Transport transport;
    private final EndpointName name;
    private IpcSettings settings = IpcSettings.defaults();
    private String serverName;
    private final Map<String, RegisteredMethod> methods = new LinkedHashMap<>();
    private final Set<String> topics = new LinkedHashSet<>(Set.of("status"));

    private Builder(Transport transport, EndpointName name) {
      this.transport = transport;
      this.name = name;
      this.serverName = "bridgehead-" + name.role();
    }

    public Builder settings(IpcSettings value) {
      this.settings = value;
      return this;
    }

    /** Sets the name and version reported in the handshake; default {@code bridgehead-<role>}. */
    public Builder serverName(String value) {
      this.serverName = value;
      return this;
    }

    /**
     * Registers a method.
     *
     * @param methodName dot-separated lower camel case words, such as {@code pool.select};
     *     names starting with {@code ipc.} are the server's own
     */
    public Builder method(String methodName, Access access, MethodHandler handler) {
      if (!METHOD_NAME.matcher(methodName).matches() || methodName.startsWith("ipc.")) {
        throw new IllegalArgumentException("invalid method name '" + methodName + "': use"
            + " dot-separated lower camel case words, not starting with 'ipc.'");
      }
      if (methods.containsKey(methodName)) {
        throw new IllegalArgumentException("method '" + methodName + "' is already registered");
      }
      methods.put(methodName, new RegisteredMethod(methodName, access, handler));
      return this;
    }

    /** Declares a topic clients may subscribe to; {@code status} is always declared. */
    public Builder topic(String topic) {
      if (!METHOD_NAME.matcher(topic).matches()) {
        throw new IllegalArgumentException("invalid topic '" + topic + "': use dot-separated"
            + " lower camel case words");
      }
      topics.add(topic);
      return this;
    }

    public IpcServer build() {
      return new IpcServer(this);
    }
  }
}

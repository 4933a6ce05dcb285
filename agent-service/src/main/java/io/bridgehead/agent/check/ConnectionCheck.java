package io.bridgehead.agent.check;

import io.bridgehead.agent.proxy.ProxyRoute;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.HelloResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Checks step by step that the agent can reach and trust its tenant: {@code dns} (the tenant's
 * host, or the proxy's), {@code proxy} (TCP to the proxy, the CONNECT tunnel, authentication),
 * {@code tcp}, {@code tls} (handshake, chain or pin, host name) and {@code tenant} (an HTTPS
 * request to the agent API that needs no credential, through the agent's own HTTP client). A
 * failed step skips the rest. Nothing is sent to the tenant that needs a credential or changes
 * anything.
 *
 * <pre>{@code
 * CheckResult result = ConnectionCheck.create().run(config.connection(dataFolder));
 * result.lines().forEach(System.out::println);
 * }</pre>
 */
public final class ConnectionCheck {
  /** Default time limit of each connect, read and the tenant request: 10 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Duration timeout;
  private final HostResolver resolver;

  private ConnectionCheck(Duration timeout, HostResolver resolver) {
    this.timeout = timeout;
    this.resolver = resolver;
  }

  /** Returns a check with {@link #DEFAULT_TIMEOUT} and the system's resolver. */
  public static ConnectionCheck create() {
    return new ConnectionCheck(DEFAULT_TIMEOUT, HostResolver.system());
  }

  /**
   * Returns a check with another time limit per connect and read, and another resolver.
   *
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public static ConnectionCheck create(Duration timeout, HostResolver resolver) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout is " + timeout + "; use a positive duration");
    }
    return new ConnectionCheck(timeout, resolver);
  }

  /** Runs every step and returns the result. */
  public CheckResult run(TenantConnection connection) {
    return run(connection, step -> { });
  }

  /**
   * Runs every step, passing each to {@code listener} as soon as it ends, so that a wizard can
   * show progress, and returns the result.
   */
  public CheckResult run(TenantConnection connection, Consumer<CheckStep> listener) {
    List<CheckStep> steps = new ArrayList<>();
    Consumer<CheckStep> record = step -> {
      steps.add(step);
      listener.accept(step);
    };
    new Run(connection, record).steps();
    boolean ok = steps.stream().allMatch(CheckStep::ok);
    return new CheckResult(connection.url(), ok, steps);
  }

  /** The state of one check, from step to step. */
  private final class Run {
    private final TenantConnection connection;
    private final Consumer<CheckStep> record;
    private final String host;
    private final int port;
    private final int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());

    Run(TenantConnection connection, Consumer<CheckStep> record) {
      this.connection = connection;
      this.record = record;
      this.host = connection.host();
      this.port = connection.port();
    }

    void steps() {
      ProxyRoute route;
      String routeError;
      try {
        route = connection.proxy().routeTo(host, port);
        routeError = null;
      } catch (IllegalArgumentException e) {
        route = null;
        routeError = e.getMessage();
      }
      boolean viaProxy = route != null && !route.isDirect();
      String lookedUp = viaProxy ? route.proxyHost() : host;

      List<InetAddress> addresses;
      try {
        addresses = resolver.resolve(lookedUp);
      } catch (UnknownHostException e) {
        record.accept(CheckStep.failed(CheckStep.DNS, viaProxy
            ? "the proxy's host name " + lookedUp + " does not resolve; check the proxy URL ("
                + route.description() + ") and this host's DNS settings"
            : lookedUp + " does not resolve; check the host name in the tenant URL and this"
                + " host's DNS settings, or set a proxy if only the proxy can reach it"));
        skip("DNS failed", CheckStep.PROXY, CheckStep.TCP, CheckStep.TLS, CheckStep.TENANT);
        return;
      }
      record.accept(CheckStep.passed(CheckStep.DNS, lookedUp + " resolves to "
          + addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
          + (viaProxy ? "; the proxy resolves " + host : "")));

      if (route == null) {
        record.accept(CheckStep.failed(CheckStep.PROXY, routeError));
        skip("the proxy failed", CheckStep.TCP, CheckStep.TLS, CheckStep.TENANT);
        return;
      }
      Socket socket = viaProxy ? throughProxy(route, addresses) : direct(route, addresses);
      if (socket == null) {
        return;
      }
      CheckStep tls = TlsProbe.run(socket, connection, timeoutMillis);
      record.accept(tls);
      if (!tls.ok()) {
        skip("TLS failed", CheckStep.TENANT);
        return;
      }
      record.accept(tenant());
    }

    /** Records the proxy and tcp steps of a direct route; returns the socket or null. */
    private Socket direct(ProxyRoute route, List<InetAddress> addresses) {
      record.accept(CheckStep.passed(CheckStep.PROXY, route.description()));
      long start = System.nanoTime();
      IOException last = null;
      for (InetAddress address : addresses) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress(address, port), timeoutMillis);
          record.accept(CheckStep.passed(CheckStep.TCP, "connected to "
              + address.getHostAddress() + ":" + port + " in " + millisSince(start) + " ms"));
          return socket;
        } catch (IOException e) {
          closeQuietly(socket);
          last = e;
        }
      }
      record.accept(CheckStep.failed(CheckStep.TCP, connectFailure(host, port, last,
          "check the port in the tenant URL and that the tenant runs")));
      skip("TCP failed", CheckStep.TLS, CheckStep.TENANT);
      return null;
    }

    /** Records the proxy and tcp steps through a proxy; returns the tunnel or null. */
    private Socket throughProxy(ProxyRoute route, List<InetAddress> addresses) {
      String proxy = route.proxyHost() + ":" + route.proxyPort();
      long start = System.nanoTime();
      Socket socket;
      ProxyTunnel.Response response;
      try {
        socket = connect(addresses, route.proxyPort());
        response = ProxyTunnel.open(socket, host, port, null);
        if (response.status() == 407 && route.username() != null) {
          // Credentials go out once, on a new connection, since a proxy may close the first
          // one after its 407.
          closeQuietly(socket);
          socket = connect(addresses, route.proxyPort());
          response = ProxyTunnel.open(socket, host, port, route.authorization().orElseThrow());
        }
      } catch (ProxyTunnel.ProtocolFailure e) {
        return proxyFailed("the proxy " + proxy + " did not respond like an HTTP proxy: "
            + e.getMessage() + "; check the proxy URL (" + route.description() + ")");
      } catch (IOException e) {
        return proxyFailed(connectFailure("the proxy " + proxy, -1, e,
            "check that the proxy runs and the proxy URL (" + route.description() + ")"));
      }

      int status = response.status();
      if (status == 200) {
        record.accept(CheckStep.passed(CheckStep.PROXY, route.description() + ": tunnel to "
            + host + ":" + port + " opened in " + millisSince(start) + " ms"));
        record.accept(CheckStep.passed(CheckStep.TCP, "the proxy connected to " + host + ":"
            + port));
        return socket;
      }
      closeQuietly(socket);
      if (status == 407) {
        boolean basic = response.header("Proxy-Authenticate").stream()
            .anyMatch(value -> value.regionMatches(true, 0, "basic", 0, 5));
        return proxyFailed(basic || route.username() == null
            ? route.authenticationFailed().getMessage()
            : "the proxy " + proxy + " asks for " + response.header("Proxy-Authenticate")
                + " authentication; only Basic is supported");
      }
      if (status == 502 || status == 503 || status == 504) {
        record.accept(CheckStep.passed(CheckStep.PROXY, route.description()
            + ": the proxy accepted the request"));
        record.accept(CheckStep.failed(CheckStep.TCP, "the proxy could not connect to "
            + host + ":" + port + " (" + response.statusLine() + "); check the tenant URL,"
            + " that the tenant runs, and that the proxy may reach it"));
        skip("TCP failed", CheckStep.TLS, CheckStep.TENANT);
        return null;
      }
      return proxyFailed("the proxy " + proxy + " rejected the tunnel to " + host + ":" + port
          + " (" + response.statusLine() + "); ask the proxy's administrators to allow HTTPS"
          + " to " + host + ":" + port);
    }

    private Socket proxyFailed(String detail) {
      record.accept(CheckStep.failed(CheckStep.PROXY, detail));
      skip("the proxy failed", CheckStep.TCP, CheckStep.TLS, CheckStep.TENANT);
      return null;
    }

    private Socket connect(List<InetAddress> addresses, int targetPort) throws IOException {
      IOException last = null;
      for (InetAddress address : addresses) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress(address, targetPort), timeoutMillis);
          socket.setSoTimeout(timeoutMillis);
          return socket;
        } catch (IOException e) {
          closeQuietly(socket);
          last = e;
        }
      }
      throw last;
    }

    private CheckStep tenant() {
      long start = System.nanoTime();
      TenantClient client = null;
      try {
        client = TenantClient.create(connection, null, timeout);
        HelloResponse hello = client.hello();
        if (!HelloResponse.SERVICE.equals(hello.service())) {
          return CheckStep.failed(CheckStep.TENANT, "the server at " + connection.url()
              + " is not a Bridgehead tenant (it calls itself '" + hello.service()
              + "'); check the tenant URL");
        }
        return CheckStep.passed(CheckStep.TENANT, "the tenant answered " + AgentApi.HELLO
            + " in " + millisSince(start) + " ms: version " + hello.version());
      } catch (TenantException e) {
        String hint = e.status() == 404 ? "; the server is not a Bridgehead tenant, or one"
            + " older than this agent, so check the tenant URL" : "";
        return CheckStep.failed(CheckStep.TENANT, "the server at " + connection.url()
            + " answered " + AgentApi.HELLO + " with HTTP " + e.status() + ": "
            + e.getMessage() + hint);
      } catch (IOException | RuntimeException e) {
        return CheckStep.failed(CheckStep.TENANT, "the HTTPS request to " + connection.url()
            + AgentApi.HELLO + " failed: " + e.getMessage());
      } finally {
        if (client != null) {
          client.close();
        }
      }
    }

    private void skip(String reason, String... names) {
      for (String name : names) {
        record.accept(CheckStep.failed(name, "skipped: " + reason));
      }
    }

    private String connectFailure(String target, int targetPort, IOException e,
        String advice) {
      String where = targetPort < 0 ? target : target + ":" + targetPort;
      if (e instanceof SocketTimeoutException) {
        return "connecting to " + where + " timed out after " + timeout.toSeconds() + " s: a"
            + " firewall may drop the traffic, or the host is down; " + advice;
      }
      if (e instanceof ConnectException) {
        return "connection to " + where + " refused: nothing listens there; " + advice;
      }
      return "connecting to " + where + " failed: " + e.getMessage() + "; " + advice;
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that failed to connect; nothing to do.
    }
  }
}

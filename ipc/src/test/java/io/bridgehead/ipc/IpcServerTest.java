package io.bridgehead.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.transport.Connection;
import io.bridgehead.ipc.transport.ServerConnection;
import io.bridgehead.ipc.transport.ServerEndpoint;
import io.bridgehead.ipc.transport.Transport;
import io.bridgehead.ipc.unix.UnixTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpcServerTest {
  @TempDir
  Path folder;

  private final TestService service = new TestService();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    service.release.countDown();
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  private IpcServer startServer(IpcSettings settings) throws Exception {
    IpcServer server = service.start(folder, settings);
    toClose.add(server);
    return server;
  }

  private IpcClient startClient() {
    IpcClient client = TestService.client(folder);
    toClose.add(0, client);
    client.start();
    return client;
  }

  private static ObjectNode params(String key, String value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  @Test
  void callRoundTrip() throws Exception {
    startServer(IpcSettings.defaults());
    IpcClient client = startClient();

    JsonNode result = client.call("test.echo", params("text", "héllo"), TestService.CALL_TIMEOUT);

    assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(result.path("text").asText()).isEqualTo("héllo");
    assertThat(client.serverInfo().server()).isEqualTo("test-service/1");
    assertThat(client.serverInfo().serverPid()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void sameUserIsAdministrator() throws Exception {
    startServer(IpcSettings.defaults());
    IpcClient client = startClient();

    JsonNode changed = client.call("config.set", null, TestService.CALL_TIMEOUT);

    assertThat(changed.path("changed").asBoolean()).isTrue();
    assertThat(client.serverInfo().peerAdministrator()).isTrue();
    assertThat(client.serverInfo().peerUser()).isEqualTo(System.getProperty("user.name"));
  }

  @Test
  void concurrentClientsAllServed() throws Exception {
    startServer(IpcSettings.defaults());
    int threads = 16;
    int calls = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          try (IpcClient client = TestService.client(folder)) {
            client.start();
            int matched = 0;
            for (int i = 0; i < calls; i++) {
              String text = thread + "-" + i;
              JsonNode result = client.call("test.echo", params("text", text),
                  TestService.CALL_TIMEOUT);
              if (text.equals(result.path("text").asText())) {
                matched++;
              }
            }
            return matched;
          }
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(calls);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void clientKilledMidFrameLeavesServerServing() throws Exception {
    startServer(IpcSettings.defaults());
    try (RawClient raw = RawClient.connectWithHello(folder.resolve("automation.sock"))) {
      raw.sendRaw(new byte[] {0, 0, 0, 100, '{', '"', 'j'});
    }

    IpcClient client = startClient();

    assertThat(client.call("test.echo", params("a", "b"), TestService.CALL_TIMEOUT)
        .path("a").asText()).isEqualTo("b");
  }

  @Test
  void requestsAboveInFlightLimitRejected() throws Exception {
    startServer(IpcSettings.defaults().withMaxRequestsInFlight(2));
    try (RawClient raw = RawClient.connectWithHello(folder.resolve("automation.sock"))) {
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test.block\"}");
      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test.block\"}");
      assertThat(service.blocked.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

      raw.sendJson("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test.echo\"}");
      JsonNode rejected = raw.readFrame();

      assertThat(rejected.path("id").asInt()).isEqualTo(3);
      assertThat(rejected.path("error").path("code").asInt())
          .isEqualTo(ErrorCodes.TOO_MANY_REQUESTS);
      assertThat(rejected.path("error").path("message").asText())
          .contains("the limit is 2");

      service.release.countDown();
      List<Integer> answered = List.of(raw.readFrame().path("id").asInt(),
          raw.readFrame().path("id").asInt());
      assertThat(answered).containsExactlyInAnyOrder(1, 2);
    }
  }

  @Test
  void handlerExceptionIsInternalError() throws Exception {
    startServer(IpcSettings.defaults());
    IpcClient client = startClient();

    assertThatThrownBy(() -> client.call("test.fail", null, TestService.CALL_TIMEOUT))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR))
        .hasMessageContaining("'test.fail' failed");
  }

  @Test
  void changeMethodRejectedForNonAdministrator() throws Exception {
    Transport transport = new NonAdministratorTransport(new UnixTransport(folder));
    IpcServer server = service.builder(transport).build();
    toClose.add(server);
    server.start();
    IpcClient client = TestService.client(folder);
    toClose.add(0, client);
    client.start();

    assertThatThrownBy(() -> client.call("config.set", null, TestService.CALL_TIMEOUT))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.ACCESS_DENIED))
        .hasMessageContaining("needs an administrator");
    assertThat(client.call("test.whoami", null, TestService.CALL_TIMEOUT)
        .path("administrator").asBoolean()).isFalse();
    assertThat(client.serverInfo().peerAdministrator()).isFalse();
  }

  @Test
  void secondStartRejected() throws Exception {
    IpcServer server = startServer(IpcSettings.defaults());

    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");
  }

  @Test
  void closeStopsAcceptingAndDeletesSocket() throws Exception {
    IpcServer server = startServer(IpcSettings.defaults());
    IpcClient client = startClient();

    server.close();

    assertThat(folder.resolve("automation.sock")).doesNotExist();
    assertThatThrownBy(() -> RawClient.connect(folder.resolve("automation.sock")))
        .isInstanceOf(IOException.class);
    assertThat(awaitState(client, ConnectionState.DISCONNECTED)).isTrue();
  }

  @Test
  void tooManyConnectionsGetServiceBusy() throws Exception {
    startServer(IpcSettings.defaults().withMaxConnections(1));
    try (RawClient first = RawClient.connectWithHello(folder.resolve("automation.sock"));
        RawClient second = RawClient.connect(folder.resolve("automation.sock"))) {
      JsonNode busy = second.readFrame();

      assertThat(busy.path("error").path("code").asInt()).isEqualTo(ErrorCodes.SERVICE_BUSY);
      assertThat(second.closedByServer()).isTrue();
      first.sendJson("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"test.echo\"}");
      assertThat(first.readFrame().path("id").asInt()).isEqualTo(5);
    }
  }

  static boolean awaitState(IpcClient client, ConnectionState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (client.state() == state) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  /**
   * Wraps a real transport but reports every peer as a non-administrator: the test stand-in
   * for a peer of another account, which a test running as one user cannot produce.
   */
  static final class NonAdministratorTransport implements Transport {
    private final Transport delegate;

    NonAdministratorTransport(Transport delegate) {
      this.delegate = delegate;
    }

    @Override
    public ServerEndpoint bind(EndpointName name) throws IOException {
      ServerEndpoint endpoint = delegate.bind(name);
      return new ServerEndpoint() {
        @Override
        public ServerConnection accept() throws IOException {
          ServerConnection real = endpoint.accept();
          PeerIdentity peer = real.peer().withAdministrator(false);
          return new ServerConnection() {
            @Override
            public PeerIdentity peer() {
              return peer;
            }

            @Override
            public InputStream input() {
              return real.input();
            }

            @Override
            public OutputStream output() {
              return real.output();
            }

            @Override
            public void close() {
              real.close();
            }
          };
        }

        @Override
        public String address() {
          return endpoint.address();
        }

        @Override
        public void close() throws IOException {
          endpoint.close();
        }
      };
    }

    @Override
    public Connection connect(EndpointName name) throws IOException {
      return delegate.connect(name);
    }

    @Override
    public String describe(EndpointName name) {
      return delegate.describe(name);
    }
  }
}

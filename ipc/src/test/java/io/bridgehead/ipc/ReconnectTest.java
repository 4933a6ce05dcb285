package io.bridgehead.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bridgehead.ipc.unix.UnixTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconnectTest {
  @TempDir
  Path folder;

  @Test
  void subscribedClientReconnectsToNewServer() throws Exception {
    TestService service = new TestService();
    IpcServer first = service.start(folder, IpcSettings.defaults());
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    try (IpcClient client = IpcClient.builder(new UnixTransport(folder),
            TestService.NAME)
        .clientName("test-client/1")
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .stateListener((state, reason) -> states.add(state))
        .build()) {
      client.start();
      client.subscribe("status", (topic, data) -> received.add(data));

      first.close();
      assertThat(IpcServerTest.awaitState(client, ConnectionState.DISCONNECTED)).isTrue();
      assertThatThrownBy(() -> client.call("test.echo", null, TestService.CALL_TIMEOUT))
          .isInstanceOf(ServiceNotRunningException.class)
          .hasMessageContaining("service is not running");

      try (IpcServer second = new TestService().start(folder, IpcSettings.defaults())) {
        assertThat(client.awaitConnected(Duration.ofSeconds(10))).isTrue();
        second.publish("status", JsonNodeFactory.instance.objectNode().put("back", true));

        assertThat(received.poll(10, TimeUnit.SECONDS).path("back").asBoolean()).isTrue();
        assertThat(client.call("test.echo", null, TestService.CALL_TIMEOUT).isObject())
            .isTrue();
      }
    }
    assertThat(states).containsSubsequence(ConnectionState.CONNECTED,
        ConnectionState.DISCONNECTED, ConnectionState.CONNECTED, ConnectionState.CLOSED);
  }

  @Test
  void callFailsFastWhenServiceNeverStarted() throws Exception {
    try (IpcClient client = TestService.client(folder)) {
      client.start();

      assertThat(client.state()).isEqualTo(ConnectionState.DISCONNECTED);
      assertThatThrownBy(() -> client.call("test.echo", null, Duration.ofMinutes(5)))
          .isInstanceOf(ServiceNotRunningException.class)
          .hasMessageContaining(folder.resolve("automation.sock").toString());
    }
  }

  @Test
  void clientConnectsWhenServiceStartsLater() throws Exception {
    try (IpcClient client = TestService.client(folder)) {
      client.start();
      try (IpcServer server = new TestService().start(folder, IpcSettings.defaults())) {
        assertThat(client.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(client.call("test.echo", null, TestService.CALL_TIMEOUT).isObject())
            .isTrue();
      }
    }
  }
}

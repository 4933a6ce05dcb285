package io.bridgehead.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionTest {
  @TempDir
  Path folder;

  private final TestService service = new TestService();
  private IpcServer server;
  private IpcClient client;

  @AfterEach
  void closeAll() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode status(int sequence) {
    return JsonNodeFactory.instance.objectNode().put("sequence", sequence);
  }

  @Test
  void notificationsArrive() throws Exception {
    server = service.start(folder, IpcSettings.defaults());
    client = TestService.client(folder);
    client.start();
    BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    client.subscribe("status", (topic, data) -> received.add(data));
    server.publish("status", status(1));
    server.publish("status", status(2));

    assertThat(received.poll(10, TimeUnit.SECONDS).path("sequence").asInt()).isEqualTo(1);
    assertThat(received.poll(10, TimeUnit.SECONDS).path("sequence").asInt()).isEqualTo(2);
  }

  @Test
  void unknownTopicRejected() throws Exception {
    server = service.start(folder, IpcSettings.defaults());
    client = TestService.client(folder);
    client.start();

    assertThatThrownBy(() -> client.subscribe("weather", (topic, data) -> { }))
        .isInstanceOfSatisfying(RpcException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
        .hasMessageContaining("unknown topic 'weather'");
  }

  @Test
  void slowSubscriberDroppedOthersServed() throws Exception {
    server = service.start(folder, IpcSettings.defaults().withOutboundQueueFrames(4));
    client = TestService.client(folder);
    client.start();
    BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    client.subscribe("status", (topic, data) -> received.add(data));
    try (RawClient slow = RawClient.connectWithHello(folder.resolve("automation.sock"))) {
      slow.sendJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ipc.subscribe\","
          + "\"params\":{\"topic\":\"status\"}}");
      assertThat(slow.readFrame().path("result").path("subscribed").asBoolean()).isTrue();
      String padding = "x".repeat(32 * 1024);

      // The slow client never reads: once the socket buffers fill, its queue overflows.
      int published = 0;
      while (server.connectionCount() > 1 && published < 10_000) {
        published++;
        server.publish("status", JsonNodeFactory.instance.objectNode()
            .put("sequence", published).put("padding", padding));
        JsonNode delivered = received.poll(10, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.path("sequence").asInt()).isEqualTo(published);
      }

      assertThat(server.connectionCount()).isEqualTo(1);
      server.publish("status", status(-1));
      assertThat(received.poll(10, TimeUnit.SECONDS).path("sequence").asInt()).isEqualTo(-1);
    }
  }
}

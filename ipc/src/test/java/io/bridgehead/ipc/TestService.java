package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.bridgehead.ipc.transport.Transport;
import io.bridgehead.ipc.unix.UnixTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A server with a few methods for tests, on a Unix socket in a test folder. */
final class TestService {
  static final EndpointName NAME = new EndpointName("automation");
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** Released by tests to let calls of "test.block" return. */
  final CountDownLatch release = new CountDownLatch(1);
  /** Counts calls of "test.block" that have started. */
  final Semaphore blocked = new Semaphore(0);

  IpcServer.Builder builder(Transport transport) {
    return IpcServer.builder(transport, NAME)
        .serverName("test-service/1")
        .method("test.echo", Access.READ, (params, peer) -> params)
        .method("test.whoami", Access.READ, (params, peer) -> JsonNodeFactory.instance
            .objectNode().put("user", peer.user()).put("administrator", peer.administrator()))
        .method("config.set", Access.CHANGE, (params, peer) ->
            JsonNodeFactory.instance.objectNode().put("changed", true))
        .method("test.fail", Access.READ, (params, peer) -> {
          throw new IllegalStateException("deliberate failure");
        })
        .method("test.block", Access.READ, (params, peer) -> {
          blocked.release();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return JsonNodeFactory.instance.objectNode().put("released", true);
        });
  }

  IpcServer start(Path folder, IpcSettings settings) throws Exception {
    IpcServer server = builder(new UnixTransport(folder)).settings(settings).build();
    server.start();
    return server;
  }

  static IpcClient client(Path folder) {
    return client(new UnixTransport(folder));
  }

  static IpcClient client(Transport transport) {
    return IpcClient.builder(transport, NAME)
        .clientName("test-client/1")
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .build();
  }
}

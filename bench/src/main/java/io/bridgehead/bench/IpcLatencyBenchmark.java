package io.bridgehead.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.ipc.Access;
import io.bridgehead.ipc.EndpointName;
import io.bridgehead.ipc.IpcClient;
import io.bridgehead.ipc.IpcServer;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.Transports;
import io.bridgehead.ipc.transport.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Measures the local IPC's request round trip: a JSON-RPC call from an {@link IpcClient} to an
 * {@link IpcServer} over a Unix domain socket and back, with a small echo method, first over
 * one connection and then over 16 connections at once, one calling thread per connection.
 * It prints the latency percentiles and the requests per second of each.
 *
 * <p>Run it with {@code bench/run.sh ipc-latency [CALLS]}; CALLS (default 40000) is the total
 * number of measured calls per configuration, after 2000 warm-up calls per connection.
 */
public final class IpcLatencyBenchmark {
  private static final EndpointName NAME = EndpointName.AUTOMATION;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final int WARM_UP_CALLS = 2000;

  private IpcLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
    if (calls < 16) {
      throw new IllegalArgumentException("CALLS is " + calls + "; give at least 16");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path folder = Files.createTempDirectory("bridgehead-ipc-bench-");
    try {
      Transport transport = Transports.forCurrentPlatform(folder.resolve("run"));
      try (IpcServer server = IpcServer.builder(transport, NAME)
          .serverName("ipc-benchmark")
          .method("bench.echo", Access.READ, (params, peer) -> params)
          .build()) {
        server.start();
        out.println("IPC latency benchmark, started " + Instant.now());
        out.println("Machine:");
        out.println(MachineDescription.current().format());
        out.println("Each call: JSON-RPC request {\"sequence\": N, \"text\": 32 characters} to an"
            + " echo method and back");
        for (int connections : new int[] {1, 16}) {
          run(out, transport, connections, calls);
        }
      }
    } finally {
      BenchFolders.deleteTree(folder);
    }
  }

  private static void run(PrintStream out, Transport transport, int connections, int calls)
      throws Exception {
    int perConnection = calls / connections;
    List<IpcClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        IpcClient client = IpcClient.builder(transport, NAME).clientName("bench/" + i).build();
        client.start();
        if (!client.awaitConnected(Duration.ofSeconds(10))) {
          throw new IOException("client " + i + " did not connect within 10 s");
        }
        clients.add(client);
      }
      List<Long> samples = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch ready = new CountDownLatch(connections);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
      for (IpcClient client : clients) {
        Thread thread = new Thread(() -> {
          try {
            callMany(client, WARM_UP_CALLS, null);
            ready.countDown();
            go.await();
            callMany(client, perConnection, samples);
          } catch (Exception e) {
            failures.add(e);
            ready.countDown();
          }
        }, "ipc-bench-caller");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      ready.await();
      long started = System.nanoTime();
      go.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      long elapsed = System.nanoTime() - started;
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
      LatencySummary summary = LatencySummary.of(samples);
      double perSecond = samples.size() / (elapsed / 1e9);
      out.printf(Locale.ROOT, "%d connection%s, %d calls: %.0f requests/s;"
          + " round trip in microseconds: p50 %d  p90 %d  p99 %d  max %d%n", connections,
          connections == 1 ? "" : "s", samples.size(), perSecond, summary.p50Nanos() / 1000,
          summary.p90Nanos() / 1000, summary.p99Nanos() / 1000, summary.maxNanos() / 1000);
    } finally {
      clients.forEach(IpcClient::close);
    }
  }

  private static void callMany(IpcClient client, int count, List<Long> samples)
      throws IOException, InterruptedException, RpcException {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("text", "0123456789abcdef0123456789abcdef");
    for (int i = 0; i < count; i++) {
      params.put("sequence", i);
      long before = System.nanoTime();
      JsonNode response = client.call("bench.echo", params, CALL_TIMEOUT);
      long took = System.nanoTime() - before;
      if (response.path("sequence").asInt(-1) != i) {
        throw new IOException("echo returned " + response + " for call " + i);
      }
      if (samples != null) {
        samples.add(took);
      }
    }
  }
}

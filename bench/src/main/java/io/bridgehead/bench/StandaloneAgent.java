package io.bridgehead.bench;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs one automation agent in its own JVM, for benchmarks that measure an agent process on
 * its own. {@link PoolThroughputBenchmark} starts it as
 * {@code java -cp CLASS_PATH io.bridgehead.bench.StandaloneAgent DATA_FOLDER MAX_JOBS}.
 *
 * <p>The data folder must contain an enrollment. The agent runs with
 * {@link AgentSettings#defaults} except for {@code maxConcurrentJobs}, and without a control
 * endpoint. Once it serves jobs, it prints {@value #READY} followed by its JVM's maximum heap
 * in bytes on standard output. It stops gracefully ({@link AgentService#stop()}) and exits 0
 * when its standard input reaches end of file, so it also stops when the process that started
 * it dies. It exits 1 when it cannot start or stops by itself, and 2 for invalid arguments.
 */
public final class StandaloneAgent {
  /** The first word of the line printed once the agent serves jobs. */
  static final String READY = "ready";

  private StandaloneAgent() {}

  public static void main(String[] argv) throws InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (argv.length != 2 || !argv[1].matches("[1-9][0-9]{0,3}")) {
      System.err.println("Usage: StandaloneAgent DATA_FOLDER MAX_JOBS, where MAX_JOBS is the"
          + " agent's maxConcurrentJobs, 1 to 9999");
      System.exit(2);
    }
    Path dataFolder = Path.of(argv[0]);
    AgentSettings settings =
        AgentSettings.defaults(dataFolder).withMaxConcurrentJobs(Integer.parseInt(argv[1]));
    AgentService agent;
    try {
      agent = AgentService.start(dataFolder, Role.AUTOMATION, settings);
    } catch (IOException | RuntimeException e) {
      System.err.println("standalone agent: cannot start from " + dataFolder + ": " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "agent-shutdown"));
    Thread watcher = new Thread(() -> exitIfAgentStopsByItself(agent), "agent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    out.println(READY + " " + Runtime.getRuntime().maxMemory());

    awaitEndOfInput(System.in);
    agent.stop();
    System.exit(0);
  }

  private static void exitIfAgentStopsByItself(AgentService agent) {
    try {
      String reason = agent.awaitStop();
      if (reason != null) {
        System.err.println("standalone agent: stopped by itself: " + reason);
        System.exit(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads and discards standard input until end of file or a read error. */
  private static void awaitEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // The content does not matter; only its end does.
      }
    } catch (IOException e) {
      System.err.println("standalone agent: reading standard input failed (" + e
          + "); stopping");
    }
  }
}

package io.bridgehead.agent.faults;

import io.bridgehead.agent.AgentService;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one automation agent in a JVM of its own, so that a test can kill it with SIGKILL.
 * The test enrolls the agent first, and this process only starts {@link AgentService} on the
 * stored enrollment. Usage: {@code AgentProcessMain DATA_FOLDER MAX_SECONDS}.
 *
 * <p>The process never outlives its test: it stops the agent and exits when its standard input
 * ends (the test process ended or closed the pipe) or after {@code MAX_SECONDS}.
 */
public final class AgentProcessMain {
  /** The line this process prints on standard output once the agent runs. */
  static final String STARTED = "agent started";

  private AgentProcessMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: AgentProcessMain DATA_FOLDER MAX_SECONDS");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    Duration maxLifetime = Duration.ofSeconds(Long.parseLong(args[1]));
    AgentService agent = AgentService.start(folder, Role.AUTOMATION,
        FaultAgents.settings(folder, 1));
    System.out.println(STARTED);
    System.out.flush();
    Thread watcher = new Thread(() -> {
      awaitEndOfInput(System.in, maxLifetime);
      agent.stop();
    }, "agent-lifetime");
    watcher.setDaemon(true);
    watcher.start();
    String fatal = agent.awaitStop();
    if (fatal != null) {
      System.err.println("agent stopped: " + fatal);
      System.exit(1);
    }
    System.exit(0);
  }

  /** Returns when {@code in} ends or fails, or after {@code limit}, whichever comes first. */
  private static void awaitEndOfInput(InputStream in, Duration limit) {
    Thread reader = new Thread(() -> {
      try {
        while (in.read() >= 0) {
          // The test writes nothing, and any byte is ignored.
        }
      } catch (IOException e) {
        // A broken pipe ends the input as well.
      }
    }, "agent-stdin");
    reader.setDaemon(true);
    reader.start();
    try {
      reader.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

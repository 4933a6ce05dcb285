package io.bridgehead.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link StandaloneAgent} running in a child JVM, started with this JVM's {@code java} and
 * class path. The child's standard error goes to this process's standard error.
 */
final class AgentProcess {
  /** How long a new agent process may take to print its ready line. */
  private static final Duration START_WAIT = Duration.ofSeconds(60);
  /**
   * How long a stopping agent may take to exit before it is killed: its own grace for running
   * jobs (20 s) and for the outbox (5 s), plus a margin.
   */
  private static final Duration STOP_WAIT = Duration.ofSeconds(40);

  private final Process process;
  private final long maxHeapBytes;

  private AgentProcess(Process process, long maxHeapBytes) {
    this.process = process;
    this.maxHeapBytes = maxHeapBytes;
  }

  /**
   * Starts an agent process on an enrolled data folder and waits until it serves jobs.
   *
   * @throws IOException when the process cannot start, exits, or prints no ready line within
   *     60 s; the process is killed then
   */
  static AgentProcess start(Path dataFolder, int maxConcurrentJobs, List<String> jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StandaloneAgent.class.getName());
    command.add(dataFolder.toString());
    command.add(Integer.toString(maxConcurrentJobs));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String line;
    try {
      line = readFirstLine(process);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    String[] words = line == null ? new String[0] : line.trim().split(" ");
    if (words.length != 2 || !words[0].equals(StandaloneAgent.READY)
        || !words[1].matches("[0-9]+")) {
      process.destroyForcibly();
      String printed = line == null ? "nothing" : "'" + line + "'";
      throw new IOException("the agent process for " + dataFolder + " printed " + printed
          + " instead of its ready line within " + START_WAIT.toSeconds() + " s; see its"
          + " standard error above");
    }
    return new AgentProcess(process, Long.parseLong(words[1]));
  }

  /**
   * Returns the process's first line of standard output, or null when it prints none within
   * {@link #START_WAIT}. The line is read on a thread of its own, which ends when the line
   * arrives or the process exits.
   */
  private static String readFirstLine(Process process) throws InterruptedException {
    BufferedReader stdout = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> firstLine = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        firstLine.complete(stdout.readLine());
      } catch (IOException e) {
        firstLine.complete(null);
      }
    }, "agent-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return firstLine.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    }
  }

  long pid() {
    return process.pid();
  }

  /** Returns the agent JVM's maximum heap, as {@link Runtime#maxMemory()} reports it. */
  long maxHeapBytes() {
    return maxHeapBytes;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Requests a graceful stop by closing the agent's standard input, and returns at once. */
  void requestStop() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The pipe is already closed when the process has exited, which is what stop wants.
    }
  }

  /**
   * Waits for the agent to exit after {@link #requestStop()}, and kills it when it has not
   * exited within 40 s.
   *
   * @return the exit code, or -1 when the process had to be killed
   */
  int awaitExit() throws InterruptedException {
    requestStop();
    if (process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
    return -1;
  }
}

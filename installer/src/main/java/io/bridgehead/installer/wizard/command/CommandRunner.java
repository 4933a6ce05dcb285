package io.bridgehead.installer.wizard.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code bridgehead} commands as child processes. The prefix is the program and any
 * arguments before the command's own, for example {@code java -cp CLASSPATH
 * io.bridgehead.launcher.Main} or the path of {@code bin/bridgehead}. Secrets go to the
 * child's standard input, one line each, and never onto its command line.
 */
public final class CommandRunner {
  private final List<String> prefix;

  public CommandRunner(List<String> prefix) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("the command prefix is empty: give at least the"
          + " program to run");
    }
    this.prefix = List.copyOf(prefix);
  }

  /** Returns a runner that starts this JVM's java with this JVM's class path and main class. */
  public static CommandRunner thisJvm(String mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new CommandRunner(List.of(java, "-cp", System.getProperty("java.class.path"),
        mainClass));
  }

  public List<String> prefix() {
    return prefix;
  }

  /** The output and exit code of a finished command. */
  public record Finished(int exitCode, String out, String err) {}

  /**
   * Runs a command to its end, closing its standard input after the secrets.
   *
   * @throws IOException when the child cannot start, or does not end within the timeout (it
   *     is then killed)
   */
  public Finished run(CommandLine line, Duration timeout)
      throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Running running = start(line, text -> append(out, text), text -> append(err, text));
    running.closeInput();
    if (!running.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      running.process.destroyForcibly();
      throw new IOException("'bridgehead " + line.arguments().get(0) + "' did not finish"
          + " within " + (timeout.toSeconds() > 0 ? timeout.toSeconds() + " s"
          : timeout.toMillis() + " ms") + " and was stopped");
    }
    int code = running.waitFor();
    synchronized (out) {
      synchronized (err) {
        return new Finished(code, out.toString(), err.toString());
      }
    }
  }

  private static void append(StringBuilder buffer, String text) {
    synchronized (buffer) {
      buffer.append(text).append('\n');
    }
  }

  /**
   * Starts a command, writes its secrets and leaves its standard input open, so that
   * {@link Running#send} can write more lines. Each output line goes to a consumer on a reader
   * thread of its own.
   */
  public Running start(CommandLine line, Consumer<String> outLines, Consumer<String> errLines)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(line.arguments());
    Process process = new ProcessBuilder(command).start();
    Running running = new Running(process, line.arguments().get(0));
    running.readLines(process.getInputStream(), outLines, "out");
    running.readLines(process.getErrorStream(), errLines, "err");
    for (Secret secret : line.secrets()) {
      running.send(secret.value());
    }
    return running;
  }

  /**
   * Starts a command that may outlive this JVM, such as the console: its standard output is
   * discarded and its standard error goes to {@code errorFile}, so that neither breaks when
   * this JVM ends. Its standard input is closed at once.
   */
  public Process startDetached(List<String> arguments, Path errorFile) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(arguments);
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errorFile.toFile())
        .start();
    process.getOutputStream().close();
    return process;
  }

  /** A started command. */
  public static final class Running {
    private final Process process;
    private final String name;
    private final Writer input;
    private final List<Thread> readers = new ArrayList<>();

    private Running(Process process, String name) {
      this.process = process;
      this.name = name;
      this.input = new OutputStreamWriter(process.getOutputStream(),
          StandardCharsets.UTF_8);
    }

    private void readLines(InputStream stream, Consumer<String> lines, String which) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          String text;
          while ((text = in.readLine()) != null) {
            lines.accept(text);
          }
        } catch (IOException e) {
          lines.accept("(reading the output of 'bridgehead " + name + "' failed: "
              + e.getMessage() + ")");
        }
      }, "bridgehead-" + name + "-" + which);
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }

    /** Writes one line to the child's standard input. */
    public synchronized void send(String text) throws IOException {
      input.write(text);
      input.write('\n');
      input.flush();
    }

    /** Closes the child's standard input; end of input does not cancel the install. */
    public synchronized void closeInput() throws IOException {
      input.close();
    }

    /** Waits for the child to end and for its output to be read; returns its exit code. */
    public int waitFor() throws InterruptedException {
      int code = process.waitFor();
      for (Thread reader : readers) {
        reader.join(TimeUnit.SECONDS.toMillis(5));
      }
      return code;
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /**
     * Kills the child, for a wizard closed while a command runs. Its descendants stay, because
     * an install may have started services as its children.
     */
    public void kill() {
      process.destroyForcibly();
    }
  }
}

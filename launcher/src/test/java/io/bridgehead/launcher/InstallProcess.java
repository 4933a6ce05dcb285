package io.bridgehead.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code bridgehead ARGUMENTS} as a child process run from a distribution folder, the way an
 * administrator runs the installer, with standard input under the test's control.
 */
final class InstallProcess {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final CompletableFuture<String> out;
  private final CompletableFuture<String> err;

  private InstallProcess(Process process, Consumer<String> lineListener) {
    this.process = process;
    this.out = CompletableFuture.supplyAsync(() -> read(process, true, lineListener),
        InstallProcess::daemon);
    this.err = CompletableFuture.supplyAsync(() -> read(process, false, line -> { }),
        InstallProcess::daemon);
  }

  /** Starts {@code bridgehead ARGUMENTS}; {@code lineListener} receives each line of output. */
  static InstallProcess start(Path distribution, List<String> arguments,
      Consumer<String> lineListener) throws IOException {
    return start(List.of(), distribution, arguments, lineListener);
  }

  /**
   * Starts {@code bridgehead ARGUMENTS} through {@code prefix}, such as {@code setpriv} with
   * its options to run it as another user.
   */
  static InstallProcess start(List<String> prefix, Path distribution, List<String> arguments,
      Consumer<String> lineListener) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        distribution.resolve("launcher.jar") + File.pathSeparator
            + distribution.resolve("lib") + "/*",
        "io.bridgehead.launcher.Main"));
    command.addAll(arguments);
    return new InstallProcess(new ProcessBuilder(command).start(), lineListener);
  }

  /** Runs {@code bridgehead ARGUMENTS} with {@code input} on standard input, then closed. */
  static Result run(Path distribution, List<String> arguments, String input)
      throws IOException, InterruptedException {
    return run(List.of(), distribution, arguments, input);
  }

  /** Runs {@code bridgehead ARGUMENTS} through {@code prefix}; see {@link #start}. */
  static Result run(List<String> prefix, Path distribution, List<String> arguments,
      String input) throws IOException, InterruptedException {
    InstallProcess process = start(prefix, distribution, arguments, line -> { });
    process.write(input);
    process.closeInput();
    return process.await();
  }

  /** Runs each reader on a thread of its own, because both block until the process ends. */
  private static void daemon(Runnable reader) {
    Thread thread = new Thread(reader, "install-process-reader");
    thread.setDaemon(true);
    thread.start();
  }

  void write(String text) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write(text.getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits for the process to end and returns its exit code and output. */
  Result await() throws InterruptedException {
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bridgehead did not end within " + TIMEOUT.toSeconds() + " s");
    }
    return new Result(process.exitValue(), out.join(), err.join());
  }

  private static String read(Process process, boolean stdout, Consumer<String> lineListener) {
    StringBuilder text = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        stdout ? process.getInputStream() : process.getErrorStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        text.append(line).append('\n');
        lineListener.accept(line);
      }
    } catch (IOException e) {
      text.append("(reading failed: ").append(e).append(")\n");
    }
    return text.toString();
  }

  /** A finished run: exit code, standard output and standard error. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }
}

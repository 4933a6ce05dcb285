package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.wire.Outcome;
import io.bridgehead.wire.ScriptShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs real /bin/sh scripts through the host. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "sh scripts do not run on Windows")
class ProcessScriptHostTest {
  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final long ONE_MIB = 1024 * 1024;
  private static final Pattern BACKGROUND_PID = Pattern.compile("background (\\d+)");

  @TempDir
  Path workRoot;

  private final ProcessScriptHost host = new ProcessScriptHost();

  @Test
  void countsFilesAndReturnsResult() throws Exception {
    Path folder = Files.createDirectories(workRoot.resolve("data"));
    Files.writeString(folder.resolve("a.txt"), "a");
    Files.writeString(folder.resolve("b.txt"), "b");
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve("sub").resolve("c.txt"), "c");
    String script = String.join("\n",
        "count=$(find \"$FOLDER\" -type f | wc -l)",
        "printf '{\"count\": %d}' \"$count\" > \"$BRIDGEHEAD_RESULT\"",
        "echo \"folder $(pwd)\"",
        "echo \"mode $(stat -c %a .)\"",
        "cat \"$BRIDGEHEAD_INPUT\"");

    ScriptOutcome outcome =
        run(request(script, Map.of("FOLDER", folder.toString()), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.exitCode()).isEqualTo(0);
    assertThat(outcome.message()).isEqualTo("exited with code 0");
    assertThat(outcome.result().get("count").asInt()).isEqualTo(3);
    assertThat(outcome.output()).contains("mode 700\n");
    assertThat(outcome.output()).endsWith("{\"FOLDER\":\"" + folder + "\"}");
    Path runFolder = Path.of(lineAfter(outcome.output(), "folder "));
    assertThat(runFolder.getParent()).isEqualTo(workRoot);
    assertThat(runFolder).doesNotExist();
    assertThat(outcome.finishedAt()).isAfterOrEqualTo(outcome.startedAt());
  }

  @Test
  void nonZeroExitFails() throws Exception {
    ScriptOutcome outcome = run(request("echo broken >&2\nexit 3", Map.of(), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.message()).isEqualTo("exited with code 3");
    assertThat(outcome.errorOutput()).isEqualTo("broken\n");
  }

  @Test
  void jsonOnStandardOutputIsNotResult() throws Exception {
    ScriptOutcome outcome = run(request("echo '{\"count\": 1}'", Map.of(), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.result()).isNull();
    assertThat(outcome.output()).isEqualTo("{\"count\": 1}\n");
  }

  @Test
  void invalidResultJsonFails() throws Exception {
    String script = "printf '{\"count\": ' > \"$BRIDGEHEAD_RESULT\"\necho kept";

    ScriptOutcome outcome = run(request(script, Map.of(), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(0);
    assertThat(outcome.result()).isNull();
    assertThat(outcome.message()).startsWith("exited with code 0; the result file is not valid"
        + " JSON (Unexpected end-of-input");
    assertThat(outcome.output()).isEqualTo("kept\n");
  }

  @Test
  void resultLargerThanOneMibFails() throws Exception {
    String script = "{ printf '\"'; head -c 1048576 /dev/zero | tr '\\0' a; printf '\"'; }"
        + " > \"$BRIDGEHEAD_RESULT\"";

    ScriptOutcome outcome = run(request(script, Map.of(), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.result()).isNull();
    assertThat(outcome.message()).contains("larger than the limit of 1048576 bytes");
  }

  @Test
  void timeLimitKillsScriptAndBackgroundChild() throws Exception {
    String script = "sleep 300 &\necho \"background $!\"\nsleep 300";
    ScriptRequest request = new ScriptRequest(ScriptShell.SH, script, Map.of(), Set.of(),
        Duration.ofSeconds(1), ONE_MIB, workRoot);

    ScriptOutcome outcome = run(request);

    assertThat(outcome.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.message()).isEqualTo("timed out after 1 s; killed 3 processes");
    assertProcessGone(backgroundPid(outcome.output()));
  }

  @Test
  void backgroundChildKilledAfterScriptExits() throws Exception {
    // The background sleep keeps standard output open, so the run ends only once it is killed.
    String script = "sleep 300 &\necho \"background $!\"";

    ScriptOutcome outcome = run(request(script, Map.of(), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.message())
        .isEqualTo("exited with code 0; killed 1 process it left running in the background");
    assertProcessGone(backgroundPid(outcome.output()));
  }

  @Test
  void cancelKillsTree() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    // The line comes from a child that the foreground sleep's shell forks first, so the
    // script, the background sleep and the foreground sleep all exist when it arrives.
    String script = "sleep 300 &\necho \"background $!\"\n(echo ready; exec sleep 300)";
    RunningScript running = host.start(request(script, Map.of(), Set.of()),
        (stream, line) -> {
          if (line.equals("ready")) {
            started.countDown();
          }
        });
    assertThat(started.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    running.cancel();
    ScriptOutcome outcome = running.await(AWAIT);

    assertThat(outcome.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.message()).isEqualTo("cancelled; killed 3 processes");
    assertProcessGone(backgroundPid(outcome.output()));
  }

  @Test
  void invalidUtf8BecomesReplacementCharacter() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    String script = "printf 'a\\377b\\n'\nprintf 'c\\300\\n' >&2\nprintf 'd\\342\\202'";

    ScriptOutcome outcome = run(request(script, Map.of(), Set.of()),
        (stream, line) -> lines.add(stream + " " + line));

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.output()).isEqualTo("a\uFFFDb\nd\uFFFD");
    assertThat(outcome.errorOutput()).isEqualTo("c\uFFFD\n");
    assertThat(lines).contains("OUTPUT a\uFFFDb", "ERROR c\uFFFD", "OUTPUT d\uFFFD");
  }

  @Test
  void largeOutputIsCappedAndDrained() throws Exception {
    AtomicInteger lineCount = new AtomicInteger();
    String script = "yes | head -c 52428800\necho done >&2";

    ScriptOutcome outcome = run(request(script, Map.of(), Set.of()),
        (stream, line) -> lineCount.incrementAndGet());

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.outputTruncated()).isTrue();
    assertThat(outcome.output()).hasSize((int) ONE_MIB);
    assertThat(outcome.output()).startsWith("y\ny\n");
    assertThat(outcome.errorOutput()).isEqualTo("done\n");
    // 1 MiB of "y\n" is 524,288 lines; nothing past the cap reaches the listener.
    assertThat(lineCount.get()).isEqualTo(524_288 + 1);
  }

  @Test
  void secretsAreMasked() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    String script = String.join("\n",
        "echo \"token=$TOKEN\"",
        "echo \"token=$TOKEN\" >&2",
        "echo \"pin=$PIN\"",
        "printf '%s' \"$TOKEN\" > \"$BRIDGEHEAD_RESULT\"");
    ScriptRequest request = request(script,
        Map.of("TOKEN", "s3cretvalue", "PIN", "12"), Set.of("TOKEN", "PIN"));

    ScriptOutcome outcome = run(request, (stream, line) -> lines.add(line));

    assertThat(outcome.output()).isEqualTo("token=***\npin=12\n");
    assertThat(outcome.errorOutput()).isEqualTo("token=***\n");
    assertThat(lines).containsExactlyInAnyOrder("token=***", "token=***", "pin=12");
    assertThat(outcome.message()).contains("not valid JSON");
    assertThat(outcome.message()).contains("***");
    assertThat(outcome.message()).doesNotContain("s3cretvalue");
  }

  @Test
  void standardInputIsClosed() throws Exception {
    ScriptOutcome outcome = run(request("cat\necho after", Map.of(), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.output()).isEqualTo("after\n");
  }

  @Test
  void reservedVariableNamesRejected() throws Exception {
    for (String name : List.of("PATH", "Home", "BRIDGEHEAD_RESULT", "bridgeheadInput")) {
      RunningScript running =
          host.start(request("echo never", Map.of(name, "x"), Set.of()), OutputListener.NONE);
      ScriptOutcome outcome = running.await(AWAIT);

      assertThat(running.pid()).isEqualTo(-1);
      assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(outcome.exitCode()).isNull();
      assertThat(outcome.message()).startsWith("variable '" + name + "' is reserved");
    }
    try (var entries = Files.list(workRoot)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void invalidVariableNameRejected() throws Exception {
    ScriptOutcome outcome = run(request("echo never", Map.of("1st", "x"), Set.of()));

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.message()).startsWith("invalid variable name '1st'");
  }

  @Test
  void shRejectedOnWindows() throws Exception {
    ProcessScriptHost windowsHost =
        new ProcessScriptHost(command -> Optional.empty(), new WindowsProcessTreeKiller(), true);

    ScriptOutcome outcome = windowsHost.start(request("echo never", Map.of(), Set.of()),
        OutputListener.NONE).await(AWAIT);

    assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.message()).startsWith("sh scripts cannot run on Windows");
  }

  @Test
  void failingListenerDoesNotStopRun() throws Exception {
    ScriptOutcome outcome = run(request("echo one\necho two", Map.of(), Set.of()),
        (stream, line) -> {
          throw new IllegalStateException("listener broke");
        });

    assertThat(outcome.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(outcome.output()).isEqualTo("one\ntwo\n");
  }

  private ScriptRequest request(String script, Map<String, String> variables,
      Set<String> secretNames) {
    return new ScriptRequest(ScriptShell.SH, script, variables, secretNames,
        Duration.ofSeconds(10), ONE_MIB, workRoot);
  }

  private ScriptOutcome run(ScriptRequest request) throws Exception {
    return run(request, OutputListener.NONE);
  }

  private ScriptOutcome run(ScriptRequest request, OutputListener listener)
      throws InterruptedException, TimeoutException {
    return host.start(request, listener).await(AWAIT);
  }

  private static String lineAfter(String output, String prefix) {
    return output.lines().filter(line -> line.startsWith(prefix)).findFirst()
        .map(line -> line.substring(prefix.length()))
        .orElseThrow(() -> new AssertionError("no line starts with '" + prefix + "' in "
            + output));
  }

  private static long backgroundPid(String output) {
    Matcher matcher = BACKGROUND_PID.matcher(output);
    assertThat(matcher.find()).as("background pid in output %s", output).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  /** Waits up to 5 s until the process is gone or a zombie, which has already died. */
  private static void assertProcessGone(long pid) throws InterruptedException, IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (!isRunning(pid, stat)) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(isRunning(pid, stat)).as("process %d is still running", pid).isFalse();
  }

  private static boolean isRunning(long pid, Path stat) throws IOException {
    if (!Files.exists(Path.of("/proc"))) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    try {
      PosixProcessTreeKiller.ProcStat parsed =
          PosixProcessTreeKiller.ProcStat.parse(Files.readString(stat));
      return parsed != null && parsed.state() != 'Z';
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }
}

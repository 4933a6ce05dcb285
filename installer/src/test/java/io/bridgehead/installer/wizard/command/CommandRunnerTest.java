package io.bridgehead.installer.wizard.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The runner against real sh children that echo their input and arguments. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs sh")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandRunnerTest {
  /** A prefix whose "command" reads one line and prints it and the arguments. */
  private static final List<String> ECHO_INPUT = List.of("sh", "-c",
      "read line; echo \"args=$*\"; echo \"input=$line\"; echo oops >&2; exit 4", "sh");

  @Test
  void runWritesSecretsToInputNotArguments() throws Exception {
    CommandRunner runner = new CommandRunner(ECHO_INPUT);

    CommandRunner.Finished finished = runner.run(new CommandLine(List.of("check", "-"),
        List.of(new Secret("enrollment string", "bh1.secret"))), Duration.ofSeconds(10));

    assertThat(finished.exitCode()).isEqualTo(4);
    assertThat(finished.out()).isEqualTo("args=check -\ninput=bh1.secret\n");
    assertThat(finished.err()).isEqualTo("oops\n");
  }

  @Test
  void startKeepsInputOpenForCancel() throws Exception {
    CommandRunner runner = new CommandRunner(List.of("sh", "-c",
        "read secret; echo started; read command; echo \"got $command\"", "sh"));
    List<String> lines = new CopyOnWriteArrayList<>();

    CommandRunner.Running running = runner.start(new CommandLine(List.of("install"),
        List.of(new Secret("key", "k"))), lines::add, lines::add);
    running.send("cancel");
    int code = running.waitFor();

    assertThat(code).isZero();
    assertThat(lines).containsExactly("started", "got cancel");
  }

  @Test
  void runStopsChildAfterTimeout() {
    CommandRunner runner = new CommandRunner(List.of("sh", "-c", "sleep 30", "sh"));

    assertThatThrownBy(() -> runner.run(new CommandLine(List.of("check"), List.of()),
        Duration.ofMillis(300)))
        .isInstanceOf(IOException.class)
        .hasMessage("'bridgehead check' did not finish within 300 ms and was stopped");
  }

  @Test
  void emptyPrefixIsRejected() {
    assertThatThrownBy(() -> new CommandRunner(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix is empty");
  }
}

package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The demo as a user runs it: a tenant and an agent as separate processes, a real task, and
 * exit code 0 only when the task succeeded.
 */
class DemoTest {
  @Test
  void demoRunsSampleTask() {
    CommandRun run = CommandRun.of("demo");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("succeeded").containsPattern("Result: \\{\"files\":\\d+,"
        + "\"bytes\":\\d+\\}").contains("Demo succeeded.");
  }
}

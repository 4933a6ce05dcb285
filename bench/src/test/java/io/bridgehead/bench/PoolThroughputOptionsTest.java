package io.bridgehead.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoolThroughputOptionsTest {

  @Test
  void noArgumentsGiveDefaults() {
    PoolThroughputOptions options = PoolThroughputOptions.parse(List.of());

    assertThat(options.tasks()).isEqualTo(600);
    assertThat(options.warmUpTasks()).isEqualTo(60);
    assertThat(options.submitters()).isEqualTo(4);
    assertThat(options.maxAgents()).isEqualTo(3);
    assertThat(options.agentJvmOptions()).isEmpty();
    assertThat(options.help()).isFalse();
  }

  @Test
  void valuesAfterSpaceOrEquals() {
    PoolThroughputOptions options = PoolThroughputOptions.parse(List.of("--tasks", "50",
        "--warm-up=0", "--submitters", "2", "--max-agents=1", "--agent-jvm-option", "-Xmx64m",
        "--agent-jvm-option=-XX:+UseSerialGC"));

    assertThat(options.tasks()).isEqualTo(50);
    assertThat(options.warmUpTasks()).isZero();
    assertThat(options.submitters()).isEqualTo(2);
    assertThat(options.maxAgents()).isEqualTo(1);
    assertThat(options.agentJvmOptions()).containsExactly("-Xmx64m", "-XX:+UseSerialGC");
  }

  @Test
  void helpRecognised() {
    assertThat(PoolThroughputOptions.parse(List.of("--help")).help()).isTrue();
    assertThat(PoolThroughputOptions.parse(List.of("-h")).help()).isTrue();
  }

  @Test
  void invalidArgumentsRejected() {
    assertThatThrownBy(() -> PoolThroughputOptions.parse(List.of("--max-agents", "17")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 17 for --max-agents: expected 1 to 16");
    assertThatThrownBy(() -> PoolThroughputOptions.parse(List.of("--submitters", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 0 for --submitters: expected 1 to 64");
    assertThatThrownBy(() -> PoolThroughputOptions.parse(List.of("--tasks", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 'many' for --tasks: expected a whole number");
    assertThatThrownBy(() -> PoolThroughputOptions.parse(List.of("--tasks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option --tasks is missing its value");
    assertThatThrownBy(() -> PoolThroughputOptions.parse(List.of("--agent-jvm-option", "Xmx1g")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 'Xmx1g' for --agent-jvm-option: expected a JVM option that"
            + " starts with -, such as -Xmx64m");
    assertThatThrownBy(() -> PoolThroughputOptions.parse(List.of("--pause-ms", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option '--pause-ms'");
  }
}

package io.bridgehead.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchLatencyOptionsTest {

  @Test
  void noArgumentsGiveDefaults() {
    DispatchLatencyOptions options = DispatchLatencyOptions.parse(List.of());

    assertThat(options.tasks()).isEqualTo(300);
    assertThat(options.warmUpTasks()).isEqualTo(20);
    assertThat(options.pause()).isEqualTo(Duration.ofMillis(100));
    assertThat(options.help()).isFalse();
  }

  @Test
  void valuesAfterSpaceOrEquals() {
    DispatchLatencyOptions options = DispatchLatencyOptions.parse(
        List.of("--tasks", "50", "--warm-up=0", "--pause-ms", "0"));

    assertThat(options.tasks()).isEqualTo(50);
    assertThat(options.warmUpTasks()).isZero();
    assertThat(options.pause()).isEqualTo(Duration.ZERO);
  }

  @Test
  void helpRecognised() {
    assertThat(DispatchLatencyOptions.parse(List.of("--help")).help()).isTrue();
    assertThat(DispatchLatencyOptions.parse(List.of("-h")).help()).isTrue();
  }

  @Test
  void invalidArgumentsRejected() {
    assertThatThrownBy(() -> DispatchLatencyOptions.parse(List.of("--tasks", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 0 for --tasks: expected 1 to 2147483647");
    assertThatThrownBy(() -> DispatchLatencyOptions.parse(List.of("--tasks", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value 'many' for --tasks: expected a whole number");
    assertThatThrownBy(() -> DispatchLatencyOptions.parse(List.of("--tasks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option --tasks is missing its value");
    assertThatThrownBy(() -> DispatchLatencyOptions.parse(List.of("--threads", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option '--threads'");
  }
}

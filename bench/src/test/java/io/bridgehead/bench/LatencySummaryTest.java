package io.bridgehead.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentilesUseNearestRank() {
    List<Long> samples = new ArrayList<>();
    for (long i = 1; i <= 300; i++) {
      samples.add(i * 1_000_000);
    }
    Collections.shuffle(samples);

    LatencySummary summary = LatencySummary.of(samples);

    assertThat(summary.count()).isEqualTo(300);
    assertThat(summary.minNanos()).isEqualTo(1_000_000);
    assertThat(summary.p50Nanos()).isEqualTo(150_000_000);
    assertThat(summary.p90Nanos()).isEqualTo(270_000_000);
    assertThat(summary.p99Nanos()).isEqualTo(297_000_000);
    assertThat(summary.maxNanos()).isEqualTo(300_000_000);
  }

  @Test
  void singleSampleIsEveryPercentile() {
    LatencySummary summary = LatencySummary.of(List.of(42L));

    assertThat(summary.p50Nanos()).isEqualTo(42);
    assertThat(summary.p99Nanos()).isEqualTo(42);
    assertThat(summary.maxNanos()).isEqualTo(42);
  }

  @Test
  void emptySamplesRejected() {
    assertThatThrownBy(() -> LatencySummary.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no latency samples to summarise");
  }

  @Test
  void millisHasOneDecimal() {
    assertThat(LatencySummary.millis(12_345_678)).isEqualTo("12.3");
    assertThat(LatencySummary.millis(0)).isEqualTo("0.0");
  }
}

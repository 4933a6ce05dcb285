package io.bridgehead.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Percentiles of a set of latency samples, by the nearest-rank method: the p-th percentile of
 * n sorted samples is the sample at rank ceil(p / 100 * n), counting from 1. It is always one
 * of the measured values, never an interpolation between two.
 *
 * @param count how many samples there are
 * @param minNanos the smallest sample, in nanoseconds
 * @param p50Nanos the median, in nanoseconds
 * @param p90Nanos the 90th percentile, in nanoseconds
 * @param p99Nanos the 99th percentile, in nanoseconds
 * @param maxNanos the largest sample, in nanoseconds
 */
record LatencySummary(
    int count,
    long minNanos,
    long p50Nanos,
    long p90Nanos,
    long p99Nanos,
    long maxNanos) {

  /**
   * Summarises {@code samples}, given in nanoseconds.
   *
   * @throws IllegalArgumentException when there are no samples
   */
  static LatencySummary of(List<Long> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no latency samples to summarise");
    }
    long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new LatencySummary(sorted.length, sorted[0], percentile(sorted, 50),
        percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1]);
  }

  private static long percentile(long[] sorted, int percent) {
    // ceil(percent * n / 100) in integers, because in doubles 7 / 100.0 * 100 is 7.000000000000001.
    long rank = ((long) percent * sorted.length + 99) / 100;
    return sorted[(int) Math.max(rank, 1) - 1];
  }

  /** Formats nanoseconds as milliseconds with one decimal, for example {@code 12.3}. */
  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
  }
}

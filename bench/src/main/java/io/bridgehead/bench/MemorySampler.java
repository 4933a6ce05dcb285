package io.bridgehead.bench;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Samples the resident memory ({@code VmRSS}) of a few processes at a fixed interval on a
 * thread of its own, and keeps each one's maximum. A peak shorter than the interval can fall
 * between two samples.
 */
final class MemorySampler implements AutoCloseable {
  private final List<Long> pids;
  private final AtomicLongArray maxKib;
  private final ScheduledExecutorService timer;

  /** Starts sampling {@code pids} every {@code interval}, the first time at once. */
  MemorySampler(List<Long> pids, Duration interval) {
    this.pids = List.copyOf(pids);
    this.maxKib = new AtomicLongArray(pids.size());
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "memory-sampler");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    for (int i = 0; i < pids.size(); i++) {
      OptionalLong kib = ResidentMemory.residentKib(pids.get(i));
      if (kib.isPresent()) {
        maxKib.accumulateAndGet(i, kib.getAsLong(), Math::max);
      }
    }
  }

  /**
   * Stops sampling, takes one last sample and returns each process's maximum {@code VmRSS} in
   * KiB, in the order of the pids given; 0 for a process that could never be read.
   */
  long[] stopAndGetMaxKib() throws InterruptedException {
    close();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    sample();
    long[] result = new long[pids.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = maxKib.get(i);
    }
    return result;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

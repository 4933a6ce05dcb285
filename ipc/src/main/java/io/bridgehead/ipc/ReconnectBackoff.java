package io.bridgehead.ipc;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with jitter: the n-th consecutive failure waits between half and
 * all of {@code min(cap, initial * 2^(n-1))}, so that consoles that lost a service together do
 * not all come back in the same instant, and none retries in a tight loop.
 */
final class ReconnectBackoff {
  private final long initialMillis;
  private final long capMillis;
  private int failures;

  ReconnectBackoff(Duration initial, Duration cap) {
    check(initial, cap);
    this.initialMillis = initial.toMillis();
    this.capMillis = cap.toMillis();
  }

  static void check(Duration initial, Duration cap) {
    if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
      throw new IllegalArgumentException("reconnect back-off needs 0 < initial <= cap, got"
          + " initial " + initial + " and cap " + cap);
    }
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  synchronized Duration nextDelay() {
    failures++;
    int shift = Math.min(failures - 1, 30);
    long ceiling = Math.min(capMillis, initialMillis << shift);
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  /** Records a success, so that the next failure starts from the initial delay again. */
  synchronized void reset() {
    failures = 0;
  }
}

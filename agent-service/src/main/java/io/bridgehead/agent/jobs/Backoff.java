package io.bridgehead.agent.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with full jitter: the n-th consecutive failure waits a random
 * time between zero and {@code min(cap, initial * 2^(n-1))}, so that agents that lost the
 * tenant together do not come back in the same instant.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration cap;
  private int failures;

  public Backoff(Duration initial, Duration cap) {
    if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < initial <= cap, got initial "
          + initial + " and cap " + cap);
    }
    this.initial = initial;
    this.cap = cap;
  }

  /** Records a failure and returns how long to wait before the next try. */
  public Duration nextDelay() {
    failures++;
    int shift = Math.min(failures - 1, 30);
    long ceiling = Math.min(cap.toMillis(), initial.toMillis() << shift);
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** Returns the number of failures since the last success. */
  public int failures() {
    return failures;
  }

  /** Records a success: the next failure starts from the initial delay again. */
  public void reset() {
    failures = 0;
  }
}

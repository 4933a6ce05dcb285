package io.bridgehead.tenant.jobs;

import java.time.Duration;

/**
 * Timing of leases and long polls.
 *
 * @param leaseDuration how long a lease holds after each accept or renewal; default 30 s. An
 *     agent renews at a third of it, so two renewals can fail before the lease lapses.
 * @param acceptTime how long an offered job waits for the agent to accept it before it goes
 *     back to the queue with its attempt count unchanged; default 10 s
 * @param maxPollWait the longest the tenant holds a long poll; default 25 s, below the 30 s
 *     idle time-out common in proxies
 * @param sweepInterval how often lapsed leases are looked for; default 1 s
 * @param defaultMaxAttempts how many times a job may start before a lapsed lease fails it;
 *     default 3
 */
public record DispatchSettings(
    Duration leaseDuration,
    Duration acceptTime,
    Duration maxPollWait,
    Duration sweepInterval,
    int defaultMaxAttempts) {

  public static DispatchSettings defaults() {
    return new DispatchSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
        Duration.ofSeconds(25), Duration.ofSeconds(1), 3);
  }
}

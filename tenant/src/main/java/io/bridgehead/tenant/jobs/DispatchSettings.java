package io.bridgehead.tenant.jobs;

import java.time.Duration;

/**
 * Timing of leases, long polls and queue waits.
 *
 * @param leaseDuration how long a lease holds after each accept or renewal; default 30 s. An
 *     agent renews at a third of it, so two renewals can fail before the lease lapses.
 * @param acceptTime how long an offered job waits for the agent to accept it before it goes
 *     back to the queue with its attempt count unchanged; default 10 s
 * @param maxPollWait the longest the tenant holds a long poll; default 25 s, below the 30 s
 *     idle time-out common in proxies
 * @param sweepInterval how often lapsed leases, expired queue waits and offline agents are
 *     looked for; default 1 s
 * @param defaultMaxAttempts how many times a job may start before a lapsed lease fails it;
 *     default 3
 * @param defaultQueueTimeout how long a job may wait for its first start when its submitter
 *     names no time-out; default 1 hour
 */
public record DispatchSettings(
    Duration leaseDuration,
    Duration acceptTime,
    Duration maxPollWait,
    Duration sweepInterval,
    int defaultMaxAttempts,
    Duration defaultQueueTimeout) {

  /** The default of {@link #defaultQueueTimeout}: 1 hour. */
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofHours(1);

  /** Settings with the default queue time-out. */
  public DispatchSettings(Duration leaseDuration, Duration acceptTime, Duration maxPollWait,
      Duration sweepInterval, int defaultMaxAttempts) {
    this(leaseDuration, acceptTime, maxPollWait, sweepInterval, defaultMaxAttempts,
        DEFAULT_QUEUE_TIMEOUT);
  }

  public static DispatchSettings defaults() {
    return new DispatchSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
        Duration.ofSeconds(25), Duration.ofSeconds(1), 3, DEFAULT_QUEUE_TIMEOUT);
  }
}

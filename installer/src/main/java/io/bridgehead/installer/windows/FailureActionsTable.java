package io.bridgehead.installer.windows;

import java.time.Duration;
import java.util.List;

/**
 * The recovery settings of a Bridgehead service: the Service Control Manager restarts it after
 * 10 s, then after 30 s, then after 2 min for the third and every later failure, because
 * Windows repeats the last action. The failure count goes back to zero after one day without
 * a failure. The actions also apply when the service reports a stop with a non-zero exit
 * code, not only when its process ends without reporting a stop
 * ({@code SERVICE_CONFIG_FAILURE_ACTIONS_FLAG}), so that an agent that gives up on an error
 * is restarted as well.
 */
public final class FailureActionsTable {
  /** The delays before each restart, in order; the last one repeats. */
  public static final List<Duration> RESTART_DELAYS =
      List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2));
  /** How long the service must run without failing before the count starts over. */
  public static final Duration RESET_PERIOD = Duration.ofDays(1);
  /** Whether a stop with a non-zero exit code counts as a failure. */
  public static final boolean ACTIONS_ON_NON_CRASH_FAILURES = true;

  private FailureActionsTable() {
  }

  /** Returns the restart delays in milliseconds, the unit of {@code SC_ACTION.Delay}. */
  public static int[] restartDelaysMillis() {
    return RESTART_DELAYS.stream().mapToInt(delay -> Math.toIntExact(delay.toMillis())).toArray();
  }

  /** Returns the reset period in seconds, the unit of {@code dwResetPeriod}. */
  public static int resetPeriodSeconds() {
    return Math.toIntExact(RESET_PERIOD.toSeconds());
  }
}

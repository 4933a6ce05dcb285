package io.bridgehead.agent.script;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Forcible termination of known processes, shared by the platform killers. */
final class ProcessKills {
  /** How long to wait for killed processes to be gone before reporting anyway. */
  static final Duration EXIT_WAIT = Duration.ofSeconds(2);

  private static final long POLL_MILLIS = 20;

  private ProcessKills() {}

  /**
   * Destroys every process in the list that is running, then waits up to {@link #EXIT_WAIT}
   * for all of them to stop running. Returns how many were running and were sent a kill.
   *
   * @param running returns whether a process still runs; on Linux a zombie does not, although
   *     {@link ProcessHandle#isAlive()} returns true for it
   */
  static int destroyAll(List<ProcessHandle> targets, Predicate<ProcessHandle> running) {
    int killed = 0;
    for (ProcessHandle target : targets) {
      if (running.test(target) && target.destroyForcibly()) {
        killed++;
      }
    }
    long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
    while (targets.stream().anyMatch(running) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return killed;
  }
}

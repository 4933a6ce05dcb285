package io.bridgehead.agent.script;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A script started by a {@link ScriptHost}. */
public interface RunningScript {
  /**
   * Waits until the run has ended and its work folder is deleted, then returns the outcome.
   * The time limit of the request bounds this wait, plus the few seconds that killing the
   * process tree and draining its output can take. Later calls return the same outcome.
   */
  ScriptOutcome await() throws InterruptedException;

  /**
   * Waits like {@link #await()}, but at most the given time.
   *
   * @throws TimeoutException when the run has not ended in time; it goes on running
   */
  ScriptOutcome await(Duration timeout) throws InterruptedException, TimeoutException;

  /**
   * Kills the script's process tree so that the run ends {@code CANCELLED}. Does nothing when
   * the run has already ended. Does not wait: call {@link #await()} for the outcome. A cancel
   * that comes as the script exits by itself may end the run either way.
   */
  void cancel();

  /** Returns the process id of the interpreter, or -1 when the script never started. */
  long pid();
}

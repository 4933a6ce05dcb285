package io.bridgehead.installer.plan;

import java.io.IOException;

/**
 * One step of a {@link Plan}: an action and the undo that reverses it. The undo runs after
 * the step failed part way as well as after it finished, so it removes only what this step
 * made and ignores what is already gone.
 */
public interface Step {

  /** Returns the one-line description shown in progress lines and the log. */
  String description();

  /**
   * Runs the step.
   *
   * @throws StepFailedException for a failure with its own exit code (rejected key,
   *     unreachable tenant, not root)
   * @throws IOException for any other failure, with a message that names what failed
   */
  void run() throws StepFailedException, IOException;

  /**
   * Reverses {@link #run()}.
   *
   * @throws IOException naming what is left behind
   */
  void undo() throws IOException;

  /**
   * Cleans up after every step of the plan has finished, such as removing a backup that undo
   * would have restored. Does nothing unless a step needs it.
   *
   * @throws IOException naming what could not be cleaned up; the plan still succeeds
   */
  default void finish() throws IOException {}
}

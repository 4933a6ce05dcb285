package io.bridgehead.installer.plan;

/**
 * Receives the events of a running plan. Step numbers start at 1; {@code total} is the
 * number of steps in the plan.
 */
public interface Progress {

  void planned(int number, int total, String description);

  void started(int number, int total, String description);

  void done(int number, int total);

  void failed(int number, int total, String reason);

  void undoing(int number, int total, String description);

  void undone(int number, int total);

  void undoFailed(int number, int total, String reason);

  void result(PlanResult result);

  /** Reports a line of free text, such as a warning or a detail of the current step. */
  void note(String text);
}

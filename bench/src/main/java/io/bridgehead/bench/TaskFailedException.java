package io.bridgehead.bench;

/** A task that did not succeed with a usable start time, so the run has no valid figure. */
final class TaskFailedException extends Exception {
  TaskFailedException(String message) {
    super(message);
  }
}

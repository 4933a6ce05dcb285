package io.bridgehead.installer.wizard.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of an install as its progress lines report it: the steps, how far it got and the
 * result. Not thread-safe: the progress page feeds it on the JavaFX thread.
 */
public final class ProgressTracker {
  private final List<InstallStep> steps = new ArrayList<>();
  /** The result line's outcome (ok, failed, cancelled, incomplete), or empty before it. */
  private String outcome = "";
  private String message = "";

  /** Applies one progress line; free text and lines about unknown steps change nothing. */
  public void apply(ProgressEvent event) {
    switch (event.kind()) {
      case PLAN -> plan(event);
      case STEP -> update(event, StepStatus.RUNNING, "");
      case DONE -> update(event, StepStatus.DONE, "");
      case FAILED -> update(event, StepStatus.FAILED, event.text());
      case UNDO -> update(event, StepStatus.UNDOING, "");
      case UNDONE -> update(event, StepStatus.UNDONE, "");
      case UNDO_FAILED -> update(event, StepStatus.UNDO_FAILED, event.text());
      case RESULT -> {
        outcome = event.outcome();
        message = event.text();
      }
      case TEXT -> { }
      default -> throw new IllegalArgumentException("unknown progress kind " + event.kind());
    }
  }

  private void plan(ProgressEvent event) {
    while (steps.size() < event.step()) {
      steps.add(new InstallStep(steps.size() + 1, "", StepStatus.PENDING, ""));
    }
    steps.set(event.step() - 1,
        new InstallStep(event.step(), event.text(), StepStatus.PENDING, ""));
  }

  private void update(ProgressEvent event, StepStatus status, String detail) {
    while (steps.size() < event.step()) {
      steps.add(new InstallStep(steps.size() + 1, "", StepStatus.PENDING, ""));
    }
    InstallStep step = steps.get(event.step() - 1);
    String description = step.description().isEmpty() ? event.text() : step.description();
    if (status == StepStatus.FAILED || status == StepStatus.UNDO_FAILED) {
      description = step.description();
    }
    steps.set(event.step() - 1,
        new InstallStep(step.number(), description, status, detail));
  }

  public List<InstallStep> steps() {
    return List.copyOf(steps);
  }

  /** Returns the share of steps done, from 0 to 1; undone steps no longer count. */
  public double fraction() {
    if (steps.isEmpty()) {
      return 0;
    }
    long done = steps.stream().filter(step -> step.status() == StepStatus.DONE).count();
    return (double) done / steps.size();
  }

  /** Returns the result line's outcome: ok, failed, cancelled, incomplete, or empty. */
  public String outcome() {
    return outcome;
  }

  /** Returns the result line's message, or empty before the result. */
  public String message() {
    return message;
  }
}

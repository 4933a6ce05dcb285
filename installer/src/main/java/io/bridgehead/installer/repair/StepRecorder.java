package io.bridgehead.installer.repair;

import io.bridgehead.installer.plan.PlanResult;
import io.bridgehead.installer.plan.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes every event on to another progress listener and keeps a line per step and note, for
 * the steps of {@code result.json}.
 */
final class StepRecorder implements Progress {
  private final Progress next;
  private final List<String> lines = new ArrayList<>();
  private final List<String> descriptions = new ArrayList<>();

  StepRecorder(Progress next) {
    this.next = next;
  }

  /** Returns the lines so far, in order. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void planned(int number, int total, String description) {
    synchronized (this) {
      descriptions.add(description);
    }
    next.planned(number, total, description);
  }

  @Override
  public void started(int number, int total, String description) {
    next.started(number, total, description);
  }

  @Override
  public void done(int number, int total) {
    add(description(number) + ": done");
    next.done(number, total);
  }

  @Override
  public void failed(int number, int total, String reason) {
    add(description(number) + ": failed: " + reason);
    next.failed(number, total, reason);
  }

  @Override
  public void undoing(int number, int total, String description) {
    next.undoing(number, total, description);
  }

  @Override
  public void undone(int number, int total) {
    next.undone(number, total);
  }

  @Override
  public void undoFailed(int number, int total, String reason) {
    add(description(number) + ": undo failed: " + reason);
    next.undoFailed(number, total, reason);
  }

  @Override
  public void result(PlanResult result) {
    next.result(result);
  }

  @Override
  public void note(String text) {
    add("  " + text);
    next.note(text);
  }

  private synchronized String description(int number) {
    return number >= 1 && number <= descriptions.size() ? descriptions.get(number - 1)
        : "step " + number;
  }

  private synchronized void add(String line) {
    lines.add(line);
  }
}

package io.bridgehead.console.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A repair's steps as {@code bridgehead repair --progress} prints them: {@code plan N TOTAL
 * TEXT} names each step, {@code step N TOTAL TEXT} starts one, {@code done N TOTAL} and
 * {@code failed N TOTAL REASON} end it, and {@code result ok|failed TEXT} ends the repair.
 * Other lines are notes, kept for the log. Every method runs on the FX thread.
 */
public final class RepairProgress {
  /** One step and how far it got. */
  public record Step(int number, String description, Status status, String reason) {
    /** Returns the line the Updates page shows, such as "3. Start the services: done". */
    public String line() {
      return number + ". " + description + ": " + status.word()
          + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
  }

  /** How far a step got. */
  public enum Status {
    WAITING("waiting"), RUNNING("running"), DONE("done"), FAILED("failed");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  private final ObservableList<Step> steps = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
  private final StringBuilder notes = new StringBuilder();

  /** Clears the last repair and marks a new one as running. */
  public void start() {
    steps.clear();
    notes.setLength(0);
    result.set("");
    failed.set(false);
    running.set(true);
  }

  /** Applies one line of the repair's output. */
  public void accept(String line) {
    String[] words = line.split(" ", 4);
    try {
      switch (words[0]) {
        case "plan" -> plan(Integer.parseInt(words[1]), words.length > 3 ? words[3] : "");
        case "step" -> set(Integer.parseInt(words[1]), Status.RUNNING, "");
        case "done" -> set(Integer.parseInt(words[1]), Status.DONE, "");
        case "failed" -> set(Integer.parseInt(words[1]), Status.FAILED,
            words.length > 3 ? words[3] : "");
        case "result" -> {
          String[] parts = line.split(" ", 3);
          failed.set(parts.length < 2 || !parts[1].equals("ok"));
          result.set(parts.length > 2 ? parts[2] : line);
        }
        default -> note(line);
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      note(line);
    }
  }

  /**
   * Ends the repair with the child's exit code. A repair that printed no result line, such as
   * one that could not start, ends as failed with its notes as the reason.
   */
  public void finished(int exitCode) {
    running.set(false);
    if (result.get().isEmpty()) {
      failed.set(true);
      String text = notes.toString().strip();
      result.set("The repair ended with exit code " + exitCode
          + (text.isEmpty() ? "." : ": " + text));
    } else if (exitCode != 0) {
      failed.set(true);
    }
  }

  /** Ends the repair that could not be run at all. */
  public void failedToRun(String reason) {
    running.set(false);
    failed.set(true);
    result.set("The repair could not run: " + reason);
  }

  public ObservableList<Step> steps() {
    return FXCollections.unmodifiableObservableList(steps);
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Returns the repair's last sentence, empty while it runs. */
  public ReadOnlyStringProperty resultProperty() {
    return result.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  /** Returns the lines that were no progress lines, such as an error before the first step. */
  public String notes() {
    return notes.toString();
  }

  private void plan(int number, String description) {
    while (steps.size() < number) {
      steps.add(new Step(steps.size() + 1, "", Status.WAITING, ""));
    }
    steps.set(number - 1, new Step(number, description, Status.WAITING, ""));
  }

  private void set(int number, Status status, String reason) {
    if (number < 1 || number > steps.size()) {
      return;
    }
    Step step = steps.get(number - 1);
    steps.set(number - 1, new Step(number, step.description(), status, reason));
  }

  private void note(String line) {
    if (notes.length() < 8192) {
      notes.append(line).append('\n');
    }
  }
}

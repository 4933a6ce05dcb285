package io.bridgehead.installer.plan;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Steps run in order. When a step fails, or when a cancel is requested between two steps,
 * the plan undoes every step that ran, the failed one included, in reverse order. A plan made
 * without undo on failure keeps what the steps before a failed step did.
 *
 * <pre>{@code
 * PlanResult result = new Plan(steps, progress).run(cancelRequested::get, "installed");
 * System.exit(result.exitCode());
 * }</pre>
 */
public final class Plan {
  private final List<Step> steps;
  private final Progress progress;
  private final boolean undoOnFailure;

  public Plan(List<Step> steps, Progress progress) {
    this(steps, progress, true);
  }

  /**
   * Creates a plan.
   *
   * @param undoOnFailure false for a plan whose every finished step leaves the system better
   *     off, such as a repair: a failed step then ends the plan, and what the steps before it
   *     did stays
   */
  public Plan(List<Step> steps, Progress progress, boolean undoOnFailure) {
    this.steps = List.copyOf(steps);
    this.progress = progress;
    this.undoOnFailure = undoOnFailure;
  }

  /**
   * Runs the plan and reports every event to the progress listener, the result last.
   *
   * @param cancelRequested checked before each step; true stops the plan and undoes it
   * @param successMessage the result message when every step finished
   */
  public PlanResult run(BooleanSupplier cancelRequested, String successMessage) {
    int total = steps.size();
    for (int i = 0; i < total; i++) {
      progress.planned(i + 1, total, steps.get(i).description());
    }
    for (int i = 0; i < total; i++) {
      if (cancelRequested.getAsBoolean()) {
        return finish(undo(i - 1), PlanResult.Status.CANCELLED, PlanResult.CANCELLED,
            "cancelled before step " + (i + 1) + " of " + total + " ("
                + steps.get(i).description() + ")");
      }
      Step step = steps.get(i);
      progress.started(i + 1, total, step.description());
      try {
        step.run();
        progress.done(i + 1, total);
      } catch (StepFailedException e) {
        progress.failed(i + 1, total, e.getMessage());
        return failed(i, e.exitCode(), e.getMessage());
      } catch (IOException | RuntimeException e) {
        String reason = reason(e);
        progress.failed(i + 1, total, reason);
        return failed(i, PlanResult.FAILED, reason);
      }
    }
    for (Step step : steps) {
      try {
        step.finish();
      } catch (IOException | RuntimeException e) {
        progress.note("Warning: cleanup after '" + step.description() + "' failed: "
            + reason(e));
      }
    }
    PlanResult result = new PlanResult(PlanResult.Status.OK, 0, successMessage, List.of());
    progress.result(result);
    return result;
  }

  /** Ends the plan after step {@code index} failed, undoing the steps unless turned off. */
  private PlanResult failed(int index, int exitCode, String reason) {
    if (undoOnFailure) {
      return finish(undo(index), PlanResult.Status.FAILED, exitCode, failure(index, reason));
    }
    PlanResult result = new PlanResult(PlanResult.Status.FAILED, exitCode,
        failure(index, reason) + "; the steps before it stay done", List.of());
    progress.result(result);
    return result;
  }

  private String failure(int index, String reason) {
    return "step " + (index + 1) + " of " + steps.size() + " (" + steps.get(index).description()
        + ") failed: " + reason;
  }

  /** Undoes steps {@code last} down to the first and returns what could not be undone. */
  private List<String> undo(int last) {
    int total = steps.size();
    List<String> leftBehind = new ArrayList<>();
    for (int i = last; i >= 0; i--) {
      Step step = steps.get(i);
      progress.undoing(i + 1, total, step.description());
      try {
        step.undo();
        progress.undone(i + 1, total);
      } catch (IOException | RuntimeException e) {
        String reason = reason(e);
        progress.undoFailed(i + 1, total, reason);
        leftBehind.add(reason);
      }
    }
    return leftBehind;
  }

  private PlanResult finish(List<String> leftBehind, PlanResult.Status status, int exitCode,
      String message) {
    PlanResult result;
    if (leftBehind.isEmpty()) {
      result = new PlanResult(status, exitCode, message + "; everything done was undone",
          List.of());
    } else {
      result = new PlanResult(PlanResult.Status.INCOMPLETE, PlanResult.INCOMPLETE, message
          + "; undo failed too, so this is left behind: " + String.join("; ", leftBehind),
          leftBehind);
    }
    progress.result(result);
    return result;
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    // NoSuchFileException and its relatives carry only the path as their message.
    if (e instanceof FileSystemException) {
      return e.getClass().getSimpleName() + ": " + message;
    }
    return message;
  }
}

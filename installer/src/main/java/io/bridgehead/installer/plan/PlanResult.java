package io.bridgehead.installer.plan;

import java.util.List;

/**
 * The outcome of a plan.
 *
 * @param status the word of the {@code result} progress line
 * @param exitCode the command's exit code
 * @param message one sentence for the operator: what happened and, after a failure, why
 * @param leftBehind what failed undo steps could not remove; empty unless the status is
 *     {@link Status#INCOMPLETE}
 */
public record PlanResult(Status status, int exitCode, String message, List<String> leftBehind) {

  /** The exit code when a step failed and everything done was undone. */
  public static final int FAILED = 1;
  /** The exit code when a {@code cancel} line stopped the plan and everything was undone. */
  public static final int CANCELLED = 9;
  /** The exit code when a step failed and an undo step failed too. */
  public static final int INCOMPLETE = 10;

  public PlanResult {
    leftBehind = List.copyOf(leftBehind);
  }

  /** The words of the {@code result} progress line. */
  public enum Status {
    OK("ok"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    INCOMPLETE("incomplete");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }
}

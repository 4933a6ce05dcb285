package io.bridgehead.installer.plan;

/** A step failed for a reason that has its own exit code, such as a rejected enrollment key. */
public final class StepFailedException extends Exception {
  private final int exitCode;

  public StepFailedException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public StepFailedException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Returns the exit code the command ends with once the plan is undone. */
  public int exitCode() {
    return exitCode;
  }
}

package io.bridgehead.launcher;

/** Exit codes of every {@code bridgehead} command, documented in {@code bridgehead --help}. */
public enum ExitCode {
  OK(0),
  /** The work ran and failed: a task failed, timed out or was cancelled. */
  FAILED(1),
  /** The command line is invalid: unknown command or option, or a bad value. */
  INVALID_ARGUMENT(2),
  /** The tenant refused: wrong key or token, or the named thing does not exist. */
  REJECTED(3),
  /** The tenant could not be reached, or its certificate was not trusted. */
  UNREACHABLE(4),
  /** The agent is not enrolled, or its credential was rejected. */
  NOT_ENROLLED(5),
  /** A wait ran out: for example no agent took a task in time. */
  TIMED_OUT(6),
  /** The service is not running, or its control endpoint cannot be reached. */
  SERVICE_NOT_RUNNING(7),
  /** The service rejected a change because the caller is not an administrator. */
  ACCESS_DENIED(8),
  /** The install was cancelled, and everything it had done was undone. */
  CANCELLED(9),
  /** A step failed and undoing it failed too; the message names what is left behind. */
  INCOMPLETE(10);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * Returns the exit code with this number.
   *
   * @throws IllegalArgumentException for a number no exit code has
   */
  public static ExitCode of(int code) {
    for (ExitCode exitCode : values()) {
      if (exitCode.code == code) {
        return exitCode;
      }
    }
    throw new IllegalArgumentException("no exit code " + code);
  }
}

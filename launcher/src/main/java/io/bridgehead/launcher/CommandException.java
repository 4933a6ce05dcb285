package io.bridgehead.launcher;

/** A command failed in a way the user can act on, and the message tells how. */
public final class CommandException extends Exception {
  private final ExitCode exitCode;

  public CommandException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CommandException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CommandException invalid(String message) {
    return new CommandException(ExitCode.INVALID_ARGUMENT, message);
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}

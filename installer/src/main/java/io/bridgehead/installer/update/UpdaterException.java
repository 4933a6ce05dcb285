package io.bridgehead.installer.update;

/** The updater could not run or did not finish, with the exit code the command ends with. */
public final class UpdaterException extends Exception {
  private static final long serialVersionUID = 1L;
  /** The update failed or was rolled back. */
  public static final int FAILED = 1;
  /** The command line or the data folder is invalid. */
  public static final int INVALID_ARGUMENT = 2;
  /**
   * The caller may not change this installation, such as a user other than root. The
   * launcher's ExitCode.ACCESS_DENIED, the code install and uninstall end with when not run
   * as root.
   */
  public static final int NOT_ALLOWED = 8;

  private final int exitCode;

  public UpdaterException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}

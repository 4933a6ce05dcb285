package io.bridgehead.ipc.windows;

/**
 * Turns Win32 error codes from named pipe calls into messages an administrator can act on.
 * The codes are those of {@code winerror.h}.
 */
public final class PipeErrors {
  public static final int ERROR_FILE_NOT_FOUND = 2;
  public static final int ERROR_ACCESS_DENIED = 5;
  public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
  public static final int ERROR_INVALID_PARAMETER = 87;
  public static final int ERROR_INVALID_NAME = 123;
  public static final int ERROR_BAD_PATHNAME = 161;
  public static final int ERROR_PIPE_BUSY = 231;
  public static final int ERROR_NO_SYSTEM_RESOURCES = 1450;

  private PipeErrors() {
  }

  /**
   * Returns why a server could not create a pipe instance, and what to do.
   *
   * @param systemText the text Windows gives for the code, used for codes not mapped here
   */
  public static String describeCreateFailure(int code, String pipeName, String systemText) {
    String what = "Creating the named pipe " + pipeName + " failed with Windows error " + code;
    return switch (code) {
      case ERROR_ACCESS_DENIED -> what + " (access denied): only Administrators and LocalSystem"
          + " may create pipes under \\\\.\\pipe\\ProtectedPrefix\\Administrators, and another"
          + " process may already have created this one. Run the service as LocalSystem or an"
          + " administrator account, and stop any other Bridgehead service of this role.";
      case ERROR_PIPE_BUSY -> what + " (pipe busy): another process already serves this pipe"
          + " name. Stop the other Bridgehead service of this role, then start this one again.";
      case ERROR_INVALID_NAME, ERROR_BAD_PATHNAME -> what + " (invalid name): the name is"
          + " malformed, or this version of Windows lacks the ProtectedPrefix namespace. Check"
          + " the pipe prefix in the service configuration.";
      case ERROR_INVALID_PARAMETER -> what + " (invalid parameter): the security descriptor"
          + " or the pipe flags were rejected. Check the allowed group SID in the service"
          + " configuration.";
      case ERROR_NOT_ENOUGH_MEMORY, ERROR_NO_SYSTEM_RESOURCES -> what + " (out of resources):"
          + " Windows lacks memory or handles. Close programs or restart the host.";
      default -> what + ": " + systemText.strip();
    };
  }

  /** Returns why a client could not open a pipe, and what to do. */
  public static String describeConnectFailure(int code, String pipeName, String systemText) {
    String what = "Opening the named pipe " + pipeName + " failed with Windows error " + code;
    return switch (code) {
      case ERROR_FILE_NOT_FOUND -> "No service listens at " + pipeName + ": start the service.";
      case ERROR_ACCESS_DENIED -> what + " (access denied): your account is not in the group"
          + " allowed to use Bridgehead. Ask an administrator to add it.";
      case ERROR_PIPE_BUSY -> what + " (pipe busy): the service has no free connection. Try"
          + " again shortly.";
      default -> what + ": " + systemText.strip();
    };
  }
}

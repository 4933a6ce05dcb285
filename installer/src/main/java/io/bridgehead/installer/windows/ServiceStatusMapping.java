package io.bridgehead.installer.windows;

import io.bridgehead.installer.services.ServiceState;

/**
 * Maps the {@code dwCurrentState} of {@code SERVICE_STATUS_PROCESS} to a {@link ServiceState}.
 * The codes are those of {@code winsvc.h}.
 */
public final class ServiceStatusMapping {
  static final int SERVICE_STOPPED = 1;
  static final int SERVICE_START_PENDING = 2;
  static final int SERVICE_STOP_PENDING = 3;
  static final int SERVICE_RUNNING = 4;
  static final int SERVICE_CONTINUE_PENDING = 5;
  static final int SERVICE_PAUSE_PENDING = 6;
  static final int SERVICE_PAUSED = 7;

  private ServiceStatusMapping() {
  }

  /**
   * Returns the state for a status. A stopped service whose exit code is not zero is
   * {@link ServiceState#FAILED}. Bridgehead services do not accept pause, so paused and the
   * pause and continue transitions only occur when something else sent those controls: they
   * map to {@link ServiceState#RUNNING}, because the process is still there.
   *
   * @param currentState {@code dwCurrentState}
   * @param win32ExitCode {@code dwWin32ExitCode}
   * @throws IllegalArgumentException for a state code not in {@code winsvc.h}
   */
  public static ServiceState toState(int currentState, int win32ExitCode) {
    return switch (currentState) {
      case SERVICE_STOPPED -> win32ExitCode == 0 ? ServiceState.STOPPED : ServiceState.FAILED;
      case SERVICE_START_PENDING -> ServiceState.STARTING;
      case SERVICE_STOP_PENDING -> ServiceState.STOPPING;
      case SERVICE_RUNNING, SERVICE_CONTINUE_PENDING, SERVICE_PAUSE_PENDING, SERVICE_PAUSED ->
          ServiceState.RUNNING;
      default -> throw new IllegalArgumentException("unknown service state code " + currentState);
    };
  }

  /** Returns whether the state is one that changes by itself. */
  static boolean isPending(int currentState) {
    return currentState == SERVICE_START_PENDING || currentState == SERVICE_STOP_PENDING
        || currentState == SERVICE_CONTINUE_PENDING || currentState == SERVICE_PAUSE_PENDING;
  }
}

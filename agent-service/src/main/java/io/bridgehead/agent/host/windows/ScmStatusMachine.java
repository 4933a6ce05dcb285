package io.bridgehead.agent.host.windows;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Winsvc;
import io.bridgehead.agent.host.ExitKind;
import java.time.Duration;

/**
 * The status a Windows service reports to the Service Control Manager, as a pure state
 * machine: which state, checkpoint and wait hint follow each event, and which controls each
 * state accepts. {@link WindowsServiceHost} sends each returned {@link Report} with
 * {@code SetServiceStatus}.
 *
 * <p>The rules follow the Win32 documentation of {@code SERVICE_STATUS}: the checkpoint
 * counts up from 1 through the reports of one pending state and is 0 otherwise; the wait hint
 * is only set while pending; controls are accepted only while running, so the manager sends
 * none during a start or stop. This class was unit-tested on Linux only; the Windows code
 * that sends its reports has never run.
 */
final class ScmStatusMachine {
  /** Controls accepted while running: stop, shutdown and preshutdown. */
  static final int ACCEPTED_WHILE_RUNNING = Winsvc.SERVICE_ACCEPT_STOP
      | Winsvc.SERVICE_ACCEPT_SHUTDOWN | Winsvc.SERVICE_ACCEPT_PRESHUTDOWN;
  /**
   * The service-specific exit code of a failed service, with
   * {@code ERROR_SERVICE_SPECIFIC_ERROR}, so that the service's recovery actions apply.
   */
  static final int FAILED_SERVICE_SPECIFIC_CODE = 1;
  /** The state before the first report; the manager treats the service as start pending. */
  private static final int NOT_REPORTED = 0;

  /**
   * One {@code SERVICE_STATUS} to report; the service type is always
   * {@code SERVICE_WIN32_OWN_PROCESS}.
   */
  record Report(int currentState, int controlsAccepted, int win32ExitCode,
      int serviceSpecificExitCode, int checkPoint, int waitHintMillis) {}

  /**
   * What the control handler does with one control.
   *
   * @param returnCode what the handler returns to the manager
   * @param report the status to report now, or null for none
   * @param stopRequested whether the service must now be asked to stop
   */
  record ControlResult(int returnCode, Report report, boolean stopRequested) {}

  private final Duration stopWaitHint;
  private int state = NOT_REPORTED;
  private int checkPoint;
  private Report last;

  /** Makes a machine whose stop controls report a stop pending with {@code stopWaitHint}. */
  ScmStatusMachine(Duration stopWaitHint) {
    this.stopWaitHint = stopWaitHint;
  }

  /** Returns the report for a start still in progress, to be finished within the hint. */
  synchronized Report starting(Duration waitHint) {
    requireState("report a start", NOT_REPORTED, Winsvc.SERVICE_START_PENDING);
    return pending(Winsvc.SERVICE_START_PENDING, waitHint);
  }

  /** Returns the report for a service that has started and accepts stop controls. */
  synchronized Report running() {
    requireState("report running", NOT_REPORTED, Winsvc.SERVICE_START_PENDING);
    state = Winsvc.SERVICE_RUNNING;
    checkPoint = 0;
    return remember(new Report(state, ACCEPTED_WHILE_RUNNING, WinError.NO_ERROR, 0, 0, 0));
  }

  /** Returns the report for a stop in progress, to be finished within the hint. */
  synchronized Report stopping(Duration waitHint) {
    requireState("report a stop", NOT_REPORTED, Winsvc.SERVICE_START_PENDING,
        Winsvc.SERVICE_RUNNING, Winsvc.SERVICE_STOP_PENDING);
    return pending(Winsvc.SERVICE_STOP_PENDING, waitHint);
  }

  /**
   * Returns the final report. A normal stop and a stop to be updated report
   * {@code NO_ERROR}, so that no recovery action runs; a failure reports
   * {@code ERROR_SERVICE_SPECIFIC_ERROR} with {@link #FAILED_SERVICE_SPECIFIC_CODE}.
   */
  synchronized Report stopped(ExitKind kind) {
    if (state == Winsvc.SERVICE_STOPPED) {
      throw new IllegalStateException("cannot report stopped: the service already stopped");
    }
    state = Winsvc.SERVICE_STOPPED;
    checkPoint = 0;
    boolean failed = kind == ExitKind.FAILED;
    return remember(new Report(state, 0,
        failed ? WinError.ERROR_SERVICE_SPECIFIC_ERROR : WinError.NO_ERROR,
        failed ? FAILED_SERVICE_SPECIFIC_CODE : 0, 0, 0));
  }

  /**
   * Returns what to do with control code {@code control}. Stop, shutdown and preshutdown
   * while running move to stop pending and request the stop; interrogate repeats the last
   * report; every other control, and every control the current state does not accept, gets
   * {@code ERROR_CALL_NOT_IMPLEMENTED}.
   */
  synchronized ControlResult control(int control) {
    switch (control) {
      case Winsvc.SERVICE_CONTROL_INTERROGATE:
        return new ControlResult(WinError.NO_ERROR, last, false);
      case Winsvc.SERVICE_CONTROL_STOP:
      case Winsvc.SERVICE_CONTROL_SHUTDOWN:
      case Winsvc.SERVICE_CONTROL_PRESHUTDOWN:
        if (state != Winsvc.SERVICE_RUNNING) {
          return new ControlResult(WinError.ERROR_CALL_NOT_IMPLEMENTED, null, false);
        }
        return new ControlResult(WinError.NO_ERROR,
            pending(Winsvc.SERVICE_STOP_PENDING, stopWaitHint), true);
      default:
        return new ControlResult(WinError.ERROR_CALL_NOT_IMPLEMENTED, null, false);
    }
  }

  /** Returns the last report, or null before the first. */
  synchronized Report last() {
    return last;
  }

  private Report pending(int pendingState, Duration waitHint) {
    checkPoint = state == pendingState ? checkPoint + 1 : 1;
    state = pendingState;
    int hint = (int) Math.min(Integer.MAX_VALUE, Math.max(0, waitHint.toMillis()));
    return remember(new Report(state, 0, WinError.NO_ERROR, 0, checkPoint, hint));
  }

  private Report remember(Report report) {
    last = report;
    return report;
  }

  private void requireState(String action, int... allowed) {
    for (int value : allowed) {
      if (state == value) {
        return;
      }
    }
    throw new IllegalStateException("cannot " + action + " in state " + stateName(state));
  }

  static String stateName(int value) {
    return switch (value) {
      case NOT_REPORTED -> "not reported";
      case Winsvc.SERVICE_START_PENDING -> "start pending";
      case Winsvc.SERVICE_RUNNING -> "running";
      case Winsvc.SERVICE_STOP_PENDING -> "stop pending";
      case Winsvc.SERVICE_STOPPED -> "stopped";
      default -> "state " + value;
    };
  }
}

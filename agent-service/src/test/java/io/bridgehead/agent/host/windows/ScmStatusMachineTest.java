package io.bridgehead.agent.host.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Winsvc;
import io.bridgehead.agent.host.ExitKind;
import io.bridgehead.agent.host.windows.ScmStatusMachine.ControlResult;
import io.bridgehead.agent.host.windows.ScmStatusMachine.Report;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Windows service status rules, checked without Windows: the reports that
 * {@link WindowsServiceHost} would send with {@code SetServiceStatus}.
 */
class ScmStatusMachineTest {
  private static final Duration STOP_HINT = Duration.ofSeconds(75);
  /** Controls that the manager sends but the service handles in no state. */
  private static final int PAUSE = 2;
  private static final int PARAMCHANGE = 6;

  private final ScmStatusMachine machine = new ScmStatusMachine(STOP_HINT);

  @Test
  void startReportsCountCheckpoints() {
    Report first = machine.starting(Duration.ofSeconds(30));
    Report second = machine.starting(Duration.ofSeconds(30));

    assertThat(first).isEqualTo(new Report(Winsvc.SERVICE_START_PENDING, 0,
        WinError.NO_ERROR, 0, 1, 30_000));
    assertThat(second.checkPoint()).isEqualTo(2);
    assertThat(second.waitHintMillis()).isEqualTo(30_000);
  }

  @Test
  void runningAcceptsStopShutdownPreshutdown() {
    machine.starting(Duration.ofSeconds(30));
    Report running = machine.running();

    assertThat(running.currentState()).isEqualTo(Winsvc.SERVICE_RUNNING);
    assertThat(running.controlsAccepted()).isEqualTo(Winsvc.SERVICE_ACCEPT_STOP
        | Winsvc.SERVICE_ACCEPT_SHUTDOWN | Winsvc.SERVICE_ACCEPT_PRESHUTDOWN);
    assertThat(running.checkPoint()).isZero();
    assertThat(running.waitHintMillis()).isZero();
  }

  @Test
  void stopControlsRequestStopWhileRunning() {
    int[] controls = {Winsvc.SERVICE_CONTROL_STOP, Winsvc.SERVICE_CONTROL_SHUTDOWN,
        Winsvc.SERVICE_CONTROL_PRESHUTDOWN};
    for (int control : controls) {
      ScmStatusMachine fresh = new ScmStatusMachine(STOP_HINT);
      fresh.starting(Duration.ofSeconds(30));
      fresh.running();

      ControlResult result = fresh.control(control);

      assertThat(result.returnCode()).as("return code of control %d", control)
          .isEqualTo(WinError.NO_ERROR);
      assertThat(result.stopRequested()).as("stop requested by control %d", control).isTrue();
      assertThat(result.report()).as("report after control %d", control).isEqualTo(
          new Report(Winsvc.SERVICE_STOP_PENDING, 0, WinError.NO_ERROR, 0, 1, 75_000));
    }
  }

  @Test
  void controlsRejectedWhileStarting() {
    machine.starting(Duration.ofSeconds(30));

    ControlResult stop = machine.control(Winsvc.SERVICE_CONTROL_STOP);

    assertThat(stop.returnCode()).isEqualTo(WinError.ERROR_CALL_NOT_IMPLEMENTED);
    assertThat(stop.stopRequested()).isFalse();
    assertThat(stop.report()).isNull();
    assertThat(machine.last().currentState()).isEqualTo(Winsvc.SERVICE_START_PENDING);
  }

  @Test
  void secondStopControlIsRejected() {
    machine.starting(Duration.ofSeconds(30));
    machine.running();
    machine.control(Winsvc.SERVICE_CONTROL_PRESHUTDOWN);

    ControlResult shutdown = machine.control(Winsvc.SERVICE_CONTROL_SHUTDOWN);

    assertThat(shutdown.returnCode()).isEqualTo(WinError.ERROR_CALL_NOT_IMPLEMENTED);
    assertThat(shutdown.stopRequested()).isFalse();
  }

  @Test
  void unsupportedControlsAreNotImplemented() {
    machine.starting(Duration.ofSeconds(30));
    machine.running();

    for (int control : new int[] {PAUSE, PARAMCHANGE}) {
      ControlResult result = machine.control(control);

      assertThat(result.returnCode()).as("return code of control %d", control)
          .isEqualTo(WinError.ERROR_CALL_NOT_IMPLEMENTED);
      assertThat(result.stopRequested()).as("stop requested by control %d", control)
          .isFalse();
    }
    assertThat(machine.last().currentState()).isEqualTo(Winsvc.SERVICE_RUNNING);
  }

  @Test
  void interrogateRepeatsLastReport() {
    machine.starting(Duration.ofSeconds(30));
    Report running = machine.running();

    ControlResult result = machine.control(Winsvc.SERVICE_CONTROL_INTERROGATE);

    assertThat(result.returnCode()).isEqualTo(WinError.NO_ERROR);
    assertThat(result.report()).isEqualTo(running);
    assertThat(result.stopRequested()).isFalse();
  }

  @Test
  void stopReportsContinueCheckpoints() {
    machine.starting(Duration.ofSeconds(30));
    machine.running();
    machine.control(Winsvc.SERVICE_CONTROL_STOP);

    Report next = machine.stopping(Duration.ofSeconds(75));

    assertThat(next.currentState()).isEqualTo(Winsvc.SERVICE_STOP_PENDING);
    assertThat(next.checkPoint()).isEqualTo(2);
    assertThat(next.controlsAccepted()).isZero();
  }

  @Test
  void stopAfterStartRestartsCheckpoints() {
    machine.starting(Duration.ofSeconds(30));
    machine.starting(Duration.ofSeconds(30));

    Report stopping = machine.stopping(Duration.ofSeconds(75));

    assertThat(stopping.checkPoint()).isEqualTo(1);
  }

  @Test
  void normalAndUpdateStopsReportNoError() {
    for (ExitKind kind : new ExitKind[] {ExitKind.NORMAL, ExitKind.STOPPING_TO_UPDATE}) {
      ScmStatusMachine fresh = new ScmStatusMachine(STOP_HINT);
      fresh.starting(Duration.ofSeconds(30));
      fresh.running();
      fresh.stopping(STOP_HINT);

      Report stopped = fresh.stopped(kind);

      assertThat(stopped).as("report after a %s stop", kind).isEqualTo(
          new Report(Winsvc.SERVICE_STOPPED, 0, WinError.NO_ERROR, 0, 0, 0));
    }
  }

  @Test
  void failedStopReportsServiceSpecificError() {
    machine.starting(Duration.ofSeconds(30));

    Report stopped = machine.stopped(ExitKind.FAILED);

    assertThat(stopped.currentState()).isEqualTo(Winsvc.SERVICE_STOPPED);
    assertThat(stopped.win32ExitCode()).isEqualTo(WinError.ERROR_SERVICE_SPECIFIC_ERROR);
    assertThat(stopped.serviceSpecificExitCode())
        .isEqualTo(ScmStatusMachine.FAILED_SERVICE_SPECIFIC_CODE);
  }

  @Test
  void reportsAfterStopAreRejected() {
    machine.starting(Duration.ofSeconds(30));
    machine.stopped(ExitKind.NORMAL);

    assertThatThrownBy(() -> machine.running())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot report running in state stopped");
    assertThatThrownBy(() -> machine.starting(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot report a start in state stopped");
    assertThatThrownBy(() -> machine.stopped(ExitKind.NORMAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot report stopped: the service already stopped");
  }

  @Test
  void startReportAfterRunningIsRejected() {
    machine.starting(Duration.ofSeconds(30));
    machine.running();

    assertThatThrownBy(() -> machine.starting(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot report a start in state running");
  }
}

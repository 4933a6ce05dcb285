package io.bridgehead.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import io.bridgehead.agent.host.ExitKind;
import io.bridgehead.agent.host.ServiceHost;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Windows service under the Service Control Manager, through jna-platform's Advapi32:
 * {@code StartServiceCtrlDispatcher} on a thread of its own, a {@code ServiceMain} that
 * registers the control handler with {@code RegisterServiceCtrlHandlerEx} and reports start
 * pending at once, and {@code SetServiceStatus} with the reports of {@link ScmStatusMachine}.
 * Stop, shutdown and preshutdown controls request the stop. Starts, stops and failures also go
 * to the event log through {@link WindowsEventLog}.
 *
 * <p>{@code ServiceMain} stays blocked until {@link #stopped} has reported
 * {@code SERVICE_STOPPED}; the dispatcher then returns and {@link #close} lets the process
 * exit.
 *
 * <p>NOTE: this class has never run. It is written against the Win32 documentation and
 * jna-platform 5.19.1 and compiled on Linux only; only its state machine is unit-tested.
 */
public final class WindowsServiceHost implements ServiceHost {
  /** How long {@link #open} waits for the manager to call {@code ServiceMain}: 30 s. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** How long {@link #close} waits for the dispatcher to return after the stop. */
  static final Duration DISPATCHER_EXIT_WAIT = Duration.ofSeconds(10);
  /** The wait hint reported by {@code ServiceMain} before the service itself reports. */
  static final Duration FIRST_WAIT_HINT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(WindowsServiceHost.class);

  private final String serviceName;
  private final ScmStatusMachine machine;
  private final CountDownLatch mainEntered = new CountDownLatch(1);
  private final CountDownLatch stopReported = new CountDownLatch(1);
  // JNA callbacks are held in fields, so that the garbage collector keeps them while Windows
  // may call them.
  private Winsvc.SERVICE_MAIN_FUNCTION serviceMain;
  private Winsvc.HandlerEx handler;
  private volatile Winsvc.SERVICE_STATUS_HANDLE statusHandle;
  private volatile int dispatcherError = WinError.NO_ERROR;
  private volatile String mainError;
  private Thread dispatcher;
  private WindowsEventLog eventLog;

  /**
   * Makes a host for the service {@code serviceName}, such as {@code BridgeheadAutomation},
   * whose stop controls report a stop pending with {@code stopWaitHint}.
   */
  public WindowsServiceHost(String serviceName, Duration stopWaitHint) {
    this.serviceName = serviceName;
    this.machine = new ScmStatusMachine(stopWaitHint);
  }

  /**
   * Returns the registered service name of {@code role}: {@code Bridgehead} and the role's
   * name with a capital, such as {@code BridgeheadAutomation}.
   */
  public static String serviceName(Role role) {
    String name = role.wireName();
    return "Bridgehead" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  @Override
  public String name() {
    return "windows";
  }

  @Override
  public synchronized void open(Runnable stopRequest) throws IOException {
    if (dispatcher != null) {
      throw new IllegalStateException("the Windows service host is already open");
    }
    if (!Platform.isWindows()) {
      throw new IOException("--service-host windows works only on Windows; use auto,"
          + " foreground or systemd here");
    }
    openEventLog();
    handler = (control, eventType, eventData, context) -> handleControl(control, stopRequest);
    serviceMain = (argc, argv) -> runServiceMain();
    Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
    entry.lpServiceName = serviceName;
    entry.lpServiceProc = serviceMain;
    // The table ends with an entry of nulls, which toArray leaves zeroed.
    Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
    dispatcher = new Thread(() -> {
      if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
        dispatcherError = Native.getLastError();
        mainEntered.countDown();
      }
    }, "windows-service-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
    awaitServiceMain();
  }

  private void openEventLog() {
    try {
      eventLog = WindowsEventLog.open(WindowsEventLog.SOURCE);
    } catch (IOException e) {
      log.warn("Writing no events to the Windows event log: {}", e.getMessage());
    }
  }

  private void awaitServiceMain() throws IOException {
    try {
      if (!mainEntered.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("the Service Control Manager did not start service "
            + serviceName + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to the Service Control Manager", e);
    }
    if (dispatcherError == WinError.ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
      throw new IOException("--service-host windows only works in a process that the Service"
          + " Control Manager started; run the service with 'sc start " + serviceName
          + "', or run it here with --service-host foreground");
    }
    if (dispatcherError != WinError.NO_ERROR) {
      throw new IOException("StartServiceCtrlDispatcher failed: Windows error "
          + dispatcherError);
    }
    if (mainError != null) {
      throw new IOException(mainError);
    }
  }

  /** The service's main function, on a thread of the manager; it returns after the stop. */
  private void runServiceMain() {
    statusHandle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(serviceName, handler, null);
    if (statusHandle == null) {
      mainError = "RegisterServiceCtrlHandlerEx failed for " + serviceName
          + ": Windows error " + Native.getLastError();
      mainEntered.countDown();
      return;
    }
    report(machine.starting(FIRST_WAIT_HINT));
    mainEntered.countDown();
    try {
      stopReported.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int handleControl(int control, Runnable stopRequest) {
    ScmStatusMachine.ControlResult result = machine.control(control);
    if (result.report() != null) {
      report(result.report());
    }
    if (result.stopRequested()) {
      log.info("The Service Control Manager sent control {}; stopping", control);
      // The handler must return at once, so the stop request runs on a thread of its own.
      Thread stopper = new Thread(stopRequest, "windows-service-stop");
      stopper.setDaemon(true);
      stopper.start();
    }
    return result.returnCode();
  }

  @Override
  public void starting(Duration waitHint) {
    apply("report a start", () -> report(machine.starting(waitHint)));
  }

  @Override
  public void ready(String statusText) {
    apply("report running", () -> report(machine.running()));
    event(WindowsEventLog.STARTED, false, "Service " + serviceName + " started: " + statusText);
  }

  /** Logs the text at debug level only: the manager has no place for a status text. */
  @Override
  public void status(String statusText) {
    log.debug("Service status: {}", statusText);
  }

  @Override
  public void stopping(Duration waitHint) {
    apply("report a stop", () -> report(machine.stopping(waitHint)));
  }

  @Override
  public void stopped(ExitKind kind, String reason) {
    // Written first, because the manager may end the process once it receives the stop.
    switch (kind) {
      case NORMAL -> event(WindowsEventLog.STOPPED, false, "Service " + serviceName
          + " stopped.");
      case STOPPING_TO_UPDATE -> event(WindowsEventLog.STOPPED, false, "Service "
          + serviceName + " stopped to be updated.");
      default -> event(WindowsEventLog.FAILED, true, "Service " + serviceName
          + " failed: " + reason);
    }
    apply("report stopped", () -> report(machine.stopped(kind)));
    stopReported.countDown();
  }

  @Override
  public synchronized void close() {
    stopReported.countDown();
    if (dispatcher != null) {
      try {
        dispatcher.join(DISPATCHER_EXIT_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (dispatcher.isAlive()) {
        log.warn("The service dispatcher did not return within {} s of the stop",
            DISPATCHER_EXIT_WAIT.toSeconds());
      }
    }
    if (eventLog != null) {
      eventLog.close();
    }
  }

  /** Runs one report step; one that the machine rejects in its state is logged, not thrown. */
  private void apply(String action, Runnable step) {
    try {
      step.run();
    } catch (IllegalStateException e) {
      log.debug("Did not {}: {}", action, e.getMessage());
    }
  }

  private void report(ScmStatusMachine.Report report) {
    Winsvc.SERVICE_STATUS_HANDLE handle = statusHandle;
    if (handle == null) {
      return;
    }
    Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
    status.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
    status.dwCurrentState = report.currentState();
    status.dwControlsAccepted = report.controlsAccepted();
    status.dwWin32ExitCode = report.win32ExitCode();
    status.dwServiceSpecificExitCode = report.serviceSpecificExitCode();
    status.dwCheckPoint = report.checkPoint();
    status.dwWaitHint = report.waitHintMillis();
    if (!Advapi32.INSTANCE.SetServiceStatus(handle, status)) {
      log.warn("SetServiceStatus({}) failed: Windows error {}",
          ScmStatusMachine.stateName(report.currentState()), Native.getLastError());
    }
  }

  private void event(int eventId, boolean error, String text) {
    if (eventLog == null) {
      return;
    }
    try {
      if (error) {
        eventLog.error(eventId, text);
      } else {
        eventLog.information(eventId, text);
      }
    } catch (RuntimeException e) {
      log.warn("Could not write event {} to the Windows event log: {}", eventId,
          e.getMessage());
    }
  }
}

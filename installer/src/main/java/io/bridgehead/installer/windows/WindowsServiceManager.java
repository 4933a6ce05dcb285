package io.bridgehead.installer.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.W32Service;
import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.Winsvc;
import io.bridgehead.agent.AgentService;
import io.bridgehead.installer.services.ServiceDefinition;
import io.bridgehead.installer.services.ServiceManager;
import io.bridgehead.installer.services.ServiceState;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Windows Service Control Manager, through jna-platform's Advapi32. Each service runs in
 * its own process, starts automatically after boot with a delay (delayed automatic start),
 * is restarted on failure as {@link FailureActionsTable} lists, and gets
 * {@link #PRESHUTDOWN_TIMEOUT} to stop when Windows shuts down. Registering also grants the
 * service account the "Log on as a service" right and writes the service's environment.
 *
 * <p>{@link #unregister} leaves the logon right granted, because other services may run as the
 * same account; {@link LogonRights#revoke} takes it back.
 *
 * <p>The service definition's working directory is not used: Windows starts every service in
 * {@code %SystemRoot%\System32}, so the command must name its folders itself.
 *
 * <p>NOTE: never run; written and compiled on Linux, and only the pure helpers it calls are
 * tested. The agent has no Service Control Manager host yet ({@code StartServiceCtrlDispatcher}),
 * so a service registered here would be stopped by Windows with error 1053 at start until
 * the agent gets one. The preshutdown timeout only applies once that host accepts
 * {@code SERVICE_ACCEPT_PRESHUTDOWN}.
 */
public final class WindowsServiceManager implements ServiceManager {
  /** How long {@link #start} waits for the service to report that it runs. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long Windows waits for a service to stop at shutdown: the agent's grace for running
   * jobs and for the outbox, plus 5 s.
   */
  public static final Duration PRESHUTDOWN_TIMEOUT =
      AgentService.STOP_GRACE.plus(AgentService.OUTBOX_GRACE).plusSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(WindowsServiceManager.class);
  private static final String SERVICES_KEY = "SYSTEM\\CurrentControlSet\\Services\\";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final LogonRights logonRights;

  public WindowsServiceManager() {
    this(new LogonRights());
  }

  WindowsServiceManager(LogonRights logonRights) {
    this.logonRights = logonRights;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the account, its password, the command or the
   *     environment is invalid; callers that check these first with
   *     {@link ServiceAccount#parse} and {@link ServiceAccount#checkPassword} can report
   *     them as invalid arguments
   */
  @Override
  public void register(ServiceDefinition definition) throws IOException {
    ServiceAccount account = ServiceAccount.parse(definition.account());
    account.checkPassword(definition.password());
    String commandLine = WindowsCommandLine.format(definition.command());
    String[] environment = ServiceEnvironment.entries(definition.environment());

    logonRights.grant(account);
    try (W32ServiceManager manager = openManager(Winsvc.SC_MANAGER_ALL_ACCESS)) {
      Winsvc.SC_HANDLE existing =
          openService(manager, definition.name(), Winsvc.SERVICE_ALL_ACCESS);
      Winsvc.SC_HANDLE handle = existing != null
          ? existing
          : create(manager, definition, account, commandLine);
      try (W32Service service = new W32Service(handle)) {
        if (existing != null) {
          change(handle, definition, account, commandLine);
        }
        configure(service, definition);
      } catch (Win32Exception e) {
        throw failure("configuring service " + definition.name(), e);
      }
    }
    writeEnvironment(definition.name(), environment);
    log.info("Registered service {} as {}: {}", definition.name(), account, commandLine);
  }

  private static Winsvc.SC_HANDLE create(W32ServiceManager manager,
      ServiceDefinition definition, ServiceAccount account, String commandLine)
      throws IOException {
    ServiceLogon logon = ServiceLogon.forCreate(account, definition.password());
    try {
      Winsvc.SC_HANDLE handle = Advapi32Additions.INSTANCE.CreateService(manager.getHandle(),
          definition.name(), definition.displayName(), Winsvc.SERVICE_ALL_ACCESS,
          WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_AUTO_START, WinNT.SERVICE_ERROR_NORMAL,
          commandLine, null, null, null, logon.startName(), logon.password());
      if (handle == null) {
        throw failure("creating service " + definition.name(), Native.getLastError());
      }
      return handle;
    } finally {
      logon.clear();
    }
  }

  private static void change(Winsvc.SC_HANDLE handle, ServiceDefinition definition,
      ServiceAccount account, String commandLine) throws IOException {
    ServiceLogon logon = ServiceLogon.forChange(account, definition.password());
    try {
      if (!Advapi32Additions.INSTANCE.ChangeServiceConfig(handle,
          WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_AUTO_START, WinNT.SERVICE_ERROR_NORMAL,
          commandLine, null, null, null, logon.startName(), logon.password(),
          definition.displayName())) {
        throw failure("updating service " + definition.name(), Native.getLastError());
      }
    } finally {
      logon.clear();
    }
  }

  private static void configure(W32Service service, ServiceDefinition definition)
      throws IOException {
    Winsvc.SC_HANDLE handle = service.getHandle();
    Winsvc.SERVICE_DESCRIPTION description = new Winsvc.SERVICE_DESCRIPTION();
    description.lpDescription = definition.description();
    changeConfig2(handle, definition, Winsvc.SERVICE_CONFIG_DESCRIPTION, description);
    changeConfig2(handle, definition, Winsvc.SERVICE_CONFIG_DELAYED_AUTO_START_INFO,
        new Advapi32Additions.DelayedAutoStartInfo(true));
    changeConfig2(handle, definition, Winsvc.SERVICE_CONFIG_PRESHUTDOWN_INFO,
        new Advapi32Additions.PreshutdownInfo(Math.toIntExact(PRESHUTDOWN_TIMEOUT.toMillis())));

    List<Winsvc.SC_ACTION> actions = new ArrayList<>();
    for (int delay : FailureActionsTable.restartDelaysMillis()) {
      Winsvc.SC_ACTION action = new Winsvc.SC_ACTION();
      action.type = Winsvc.SC_ACTION_RESTART;
      action.delay = delay;
      actions.add(action);
    }
    service.setFailureActions(actions, FailureActionsTable.resetPeriodSeconds(), null, null);
    service.setFailureActionsFlag(FailureActionsTable.ACTIONS_ON_NON_CRASH_FAILURES);
  }

  private static void changeConfig2(Winsvc.SC_HANDLE handle, ServiceDefinition definition,
      int level, Winsvc.ChangeServiceConfig2Info info) throws IOException {
    if (!Advapi32.INSTANCE.ChangeServiceConfig2(handle, level, info)) {
      throw failure("setting configuration level " + level + " of service "
          + definition.name(), Native.getLastError());
    }
  }

  private static void writeEnvironment(String name, String[] environment) throws IOException {
    String key = SERVICES_KEY + name;
    try {
      if (environment.length > 0) {
        Advapi32Util.registrySetStringArray(WinReg.HKEY_LOCAL_MACHINE, key, "Environment",
            environment);
      } else if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key,
          "Environment")) {
        Advapi32Util.registryDeleteValue(WinReg.HKEY_LOCAL_MACHINE, key, "Environment");
      }
    } catch (Win32Exception e) {
      throw failure("writing the environment of service " + name + " to HKLM\\" + key, e);
    }
  }

  @Override
  public void start(String name) throws IOException {
    try (W32ServiceManager manager = openManager(Winsvc.SC_MANAGER_CONNECT)) {
      Winsvc.SC_HANDLE handle =
          openService(manager, name, Winsvc.SERVICE_START | Winsvc.SERVICE_QUERY_STATUS);
      if (handle == null) {
        throw new IOException("starting service " + name + " failed: it is not installed;"
            + " register it first");
      }
      try (W32Service service = new W32Service(handle)) {
        if (!Advapi32.INSTANCE.StartService(handle, 0, null)) {
          int error = Native.getLastError();
          if (error != WinError.ERROR_SERVICE_ALREADY_RUNNING) {
            throw failure("starting service " + name, error);
          }
        }
        waitFor(service, name, ServiceStatusMapping.SERVICE_RUNNING, START_TIMEOUT);
      }
    }
    log.info("Started service {}", name);
  }

  @Override
  public void stop(String name, Duration timeout) throws IOException {
    try (W32ServiceManager manager = openManager(Winsvc.SC_MANAGER_CONNECT)) {
      Winsvc.SC_HANDLE handle =
          openService(manager, name, Winsvc.SERVICE_STOP | Winsvc.SERVICE_QUERY_STATUS);
      if (handle == null) {
        return;
      }
      try (W32Service service = new W32Service(handle)) {
        stop(service, name, timeout);
      }
    }
  }

  /**
   * Sends the stop control until the service is stopped: a service that is still starting
   * cannot take the control, so it gets the control again once it runs.
   */
  private static void stop(W32Service service, String name, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean stopSent = false;
    while (true) {
      Winsvc.SERVICE_STATUS_PROCESS status = queryStatus(service, name);
      if (status.dwCurrentState == ServiceStatusMapping.SERVICE_STOPPED) {
        if (stopSent) {
          log.info("Stopped service {}", name);
        }
        return;
      }
      if (!ServiceStatusMapping.isPending(status.dwCurrentState)) {
        stopSent |= sendStop(service, name);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("stopping service " + name + " timed out after "
            + timeout.toSeconds() + " s; it is "
            + ServiceStatusMapping.toState(status.dwCurrentState, status.dwWin32ExitCode));
      }
      pause(name);
    }
  }

  /** Sends the stop control; returns false when the service could not take it yet. */
  private static boolean sendStop(W32Service service, String name) throws IOException {
    if (Advapi32.INSTANCE.ControlService(service.getHandle(), Winsvc.SERVICE_CONTROL_STOP,
        new Winsvc.SERVICE_STATUS())) {
      return true;
    }
    int error = Native.getLastError();
    if (error == WinError.ERROR_SERVICE_NOT_ACTIVE
        || error == WinError.ERROR_SERVICE_CANNOT_ACCEPT_CTRL) {
      return false;
    }
    throw failure("stopping service " + name, error);
  }

  @Override
  public void unregister(String name) throws IOException {
    try (W32ServiceManager manager = openManager(Winsvc.SC_MANAGER_CONNECT)) {
      int access = Winsvc.SERVICE_STOP | Winsvc.SERVICE_QUERY_STATUS | WinNT.DELETE;
      Winsvc.SC_HANDLE handle = openService(manager, name, access);
      if (handle == null) {
        return;
      }
      try (W32Service service = new W32Service(handle)) {
        stop(service, name, PRESHUTDOWN_TIMEOUT);
        if (!Advapi32.INSTANCE.DeleteService(handle)) {
          int error = Native.getLastError();
          if (error != WinError.ERROR_SERVICE_MARKED_FOR_DELETE) {
            throw failure("deleting service " + name, error);
          }
        }
      }
    }
    log.info("Removed service {}", name);
  }

  @Override
  public ServiceState state(String name) throws IOException {
    try (W32ServiceManager manager = openManager(Winsvc.SC_MANAGER_CONNECT)) {
      Winsvc.SC_HANDLE handle = openService(manager, name, Winsvc.SERVICE_QUERY_STATUS);
      if (handle == null) {
        return ServiceState.NOT_INSTALLED;
      }
      try (W32Service service = new W32Service(handle)) {
        Winsvc.SERVICE_STATUS_PROCESS status = queryStatus(service, name);
        return ServiceStatusMapping.toState(status.dwCurrentState, status.dwWin32ExitCode);
      }
    }
  }

  /**
   * Polls until the service reaches {@code target}; fails when it settles in another state
   * or the timeout passes.
   */
  private static void waitFor(W32Service service, String name, int target, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Winsvc.SERVICE_STATUS_PROCESS status = queryStatus(service, name);
      if (status.dwCurrentState == target) {
        return;
      }
      if (!ServiceStatusMapping.isPending(status.dwCurrentState)) {
        throw new IOException("service " + name + " is "
            + ServiceStatusMapping.toState(status.dwCurrentState, status.dwWin32ExitCode)
            + " (exit code " + status.dwWin32ExitCode + ", service exit code "
            + status.dwServiceSpecificExitCode + "); see the Application event log");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("service " + name + " timed out after " + timeout.toSeconds()
            + " s while "
            + ServiceStatusMapping.toState(status.dwCurrentState, status.dwWin32ExitCode));
      }
      pause(name);
    }
  }

  private static void pause(String name) throws InterruptedIOException {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for service " + name);
    }
  }

  private static Winsvc.SERVICE_STATUS_PROCESS queryStatus(W32Service service, String name)
      throws IOException {
    try {
      return service.queryStatus();
    } catch (Win32Exception e) {
      throw failure("querying the status of service " + name, e);
    }
  }

  private static W32ServiceManager openManager(int access) throws IOException {
    try {
      W32ServiceManager manager = new W32ServiceManager();
      manager.open(access);
      return manager;
    } catch (Win32Exception e) {
      throw failure("opening the Service Control Manager", e);
    }
  }

  /** Returns the service's handle, or null when no service has that name. */
  private static Winsvc.SC_HANDLE openService(W32ServiceManager manager, String name,
      int access) throws IOException {
    Winsvc.SC_HANDLE handle = Advapi32.INSTANCE.OpenService(manager.getHandle(), name, access);
    if (handle == null) {
      int error = Native.getLastError();
      if (error == WinError.ERROR_SERVICE_DOES_NOT_EXIST) {
        return null;
      }
      throw failure("opening service " + name, error);
    }
    return handle;
  }

  private static IOException failure(String operation, int error) {
    return new IOException(operation + " failed with Windows error " + error + ": "
        + Kernel32Util.formatMessage(error).strip() + hint(error));
  }

  private static IOException failure(String operation, Win32Exception e) {
    return new IOException(operation + " failed: " + e.getMessage() + hint(e.getErrorCode()), e);
  }

  private static String hint(int error) {
    return switch (error) {
      case WinError.ERROR_ACCESS_DENIED -> ". Run the installer as an administrator.";
      case WinError.ERROR_SERVICE_MARKED_FOR_DELETE -> ". Close the Services console and any"
          + " other program that has the service open, then try again.";
      default -> "";
    };
  }
}

package io.bridgehead.agent.host;

import java.io.IOException;
import java.time.Duration;

/**
 * The service manager a service runs under, as the service reports to it: systemd, the
 * Windows Service Control Manager, or a terminal. A service calls {@link #open} first, then
 * {@link #starting} while it loads, {@link #ready} once it serves, {@link #status} as its
 * state changes, {@link #stopping} and finally {@link #stopped}.
 *
 * <p>Reports are best effort: a host that cannot deliver one logs why and carries on, so a
 * broken notification channel never stops the service itself. Every method may be called
 * from any thread.
 */
public interface ServiceHost extends AutoCloseable {
  /**
   * The process exit code after {@link ExitKind#STOPPING_TO_UPDATE}: 75, {@code EX_TEMPFAIL}
   * of BSD's {@code sysexits.h}. A systemd unit must list it in {@code SuccessExitStatus=}
   * (see {@code SystemdHost#SUCCESS_EXIT_STATUS}); on Windows the exit code does not matter
   * because the service reports its stop to the Service Control Manager.
   */
  int UPDATE_EXIT_CODE = 75;

  /** Returns the name used in logs and messages, such as {@code systemd}. */
  String name();

  /**
   * Connects to the service manager.
   *
   * @param stopRequest runs once when the manager or the operator asks the service to stop
   *     (SIGTERM, Ctrl+C or a stop control); it runs on a thread of the host and must return
   *     quickly, leaving the stop itself to the service
   * @throws IOException when the manager cannot be reached, for example a Windows host in a
   *     process that the Service Control Manager did not start
   */
  void open(Runnable stopRequest) throws IOException;

  /**
   * Reports that the service is still starting and sends its next report within
   * {@code waitHint}; called again, it extends the start by another {@code waitHint}.
   */
  void starting(Duration waitHint);

  /** Reports that the service has started and serves, with a status text for operators. */
  void ready(String statusText);

  /** Reports a new status text, such as that the service waits for the tenant. */
  void status(String statusText);

  /**
   * Returns how often the manager expects {@link #keepAlive} while the service runs, or
   * {@link Duration#ZERO} when it expects none.
   */
  default Duration keepAliveInterval() {
    return Duration.ZERO;
  }

  /** Tells the manager that the service still runs; only needed when the manager requests it. */
  default void keepAlive() {}

  /** Reports that the service is stopping and sends its next report within {@code waitHint}. */
  void stopping(Duration waitHint);

  /**
   * Reports that the service has stopped. Nothing but {@link #close} may follow, and on
   * Windows the process may be ended at any moment after this call.
   *
   * @param reason why the service stopped; empty after a normal stop
   */
  void stopped(ExitKind kind, String reason);

  /** Releases the connection to the manager; does nothing when it was never opened. */
  @Override
  void close();
}

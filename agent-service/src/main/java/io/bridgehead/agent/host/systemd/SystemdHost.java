package io.bridgehead.agent.host.systemd;

import io.bridgehead.agent.host.ExitKind;
import io.bridgehead.agent.host.HostKind;
import io.bridgehead.agent.host.ServiceHost;
import io.bridgehead.agent.host.ShutdownHookStop;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code Type=notify} systemd service: reports its state over {@code NOTIFY_SOCKET} as
 * sd_notify(3) describes ({@code READY=1}, {@code STATUS=}, {@code STOPPING=1},
 * {@code EXTEND_TIMEOUT_USEC=}, {@code WATCHDOG=1}) and takes SIGTERM, which systemd sends to
 * stop a unit, as a stop request through a {@link ShutdownHookStop}.
 *
 * <p>After SIGTERM the JVM exits with 143 once the service has stopped, so the unit lists 143
 * in {@code SuccessExitStatus=} (see {@link #SUCCESS_EXIT_STATUS}). The JDK has no supported
 * way to handle the signal without its shutdown sequence, which sets that code.
 */
public final class SystemdHost implements ServiceHost {
  /**
   * The value of the unit's {@code SuccessExitStatus=}: the exit codes that count as a clean
   * stop besides 0, namely {@link ServiceHost#UPDATE_EXIT_CODE} and 143, the JVM's code after
   * SIGTERM. Systemd then neither marks the unit failed nor applies
   * {@code Restart=on-failure} after a stop by {@code systemctl stop} or for an update.
   */
  public static final String SUCCESS_EXIT_STATUS = ServiceHost.UPDATE_EXIT_CODE + " 143";
  /** The environment variables with the watchdog interval and the process it applies to. */
  static final String WATCHDOG_USEC = "WATCHDOG_USEC";
  static final String WATCHDOG_PID = "WATCHDOG_PID";
  /**
   * How long the shutdown hook keeps the JVM running for the stop: 90 s, systemd's default
   * {@code TimeoutStopSec=}, after which systemd sends SIGKILL anyway.
   */
  static final Duration STOP_LIMIT = Duration.ofSeconds(90);

  private static final Logger log = LoggerFactory.getLogger(SystemdHost.class);

  private final String notifyAddress;
  private final Duration watchdogInterval;
  /** The hook that turns SIGTERM into a stop request, or null when signals are not used. */
  private final ShutdownHookStop shutdownHook;
  private final AtomicBoolean failureLogged = new AtomicBoolean();
  private NotifySocket socket;

  /**
   * Makes a host that notifies {@code notifyAddress}.
   *
   * @param watchdogInterval the interval systemd expects {@code WATCHDOG=1} in, or zero
   * @param handleSignals whether SIGTERM and SIGINT request the stop; tests that run the
   *     service inside the test JVM pass false and request the stop themselves
   * @throws IllegalArgumentException when the address is invalid
   */
  public SystemdHost(String notifyAddress, Duration watchdogInterval, boolean handleSignals) {
    NotifySocket.socketAddress(notifyAddress);
    this.notifyAddress = notifyAddress;
    this.watchdogInterval = watchdogInterval;
    this.shutdownHook = handleSignals ? new ShutdownHookStop(STOP_LIMIT) : null;
  }

  /**
   * Makes a host from the variables systemd sets for the service.
   *
   * @throws IllegalArgumentException when {@code NOTIFY_SOCKET} is missing or invalid
   */
  public static SystemdHost fromEnvironment(Map<String, String> environment) {
    String address = environment.get(HostKind.NOTIFY_SOCKET);
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("--service-host systemd needs NOTIFY_SOCKET, which"
          + " systemd sets for a unit with Type=notify; check the unit file, or run with"
          + " --service-host foreground");
    }
    return new SystemdHost(address, watchdogInterval(environment,
        ProcessHandle.current().pid()), true);
  }

  /**
   * Returns the watchdog interval that {@code WATCHDOG_USEC} sets for process {@code pid},
   * or zero when none is set, it is not a positive number, or {@code WATCHDOG_PID} names
   * another process.
   */
  static Duration watchdogInterval(Map<String, String> environment, long pid) {
    String micros = environment.get(WATCHDOG_USEC);
    if (micros == null) {
      return Duration.ZERO;
    }
    String watchdogPid = environment.get(WATCHDOG_PID);
    try {
      if (watchdogPid != null && Long.parseLong(watchdogPid.trim()) != pid) {
        return Duration.ZERO;
      }
      long value = Long.parseLong(micros.trim());
      return value > 0 ? Duration.ofNanos(Math.multiplyExact(value, 1000L)) : Duration.ZERO;
    } catch (NumberFormatException | ArithmeticException e) {
      log.warn("Ignoring the watchdog: invalid {}='{}' or {}='{}'", WATCHDOG_USEC, micros,
          WATCHDOG_PID, watchdogPid);
      return Duration.ZERO;
    }
  }

  @Override
  public String name() {
    return "systemd";
  }

  @Override
  public synchronized void open(Runnable stopRequest) throws IOException {
    if (socket != null) {
      throw new IllegalStateException("the systemd host is already open");
    }
    socket = NotifySocket.open(notifyAddress);
    log.info("Reporting to systemd through NOTIFY_SOCKET {}{}", notifyAddress,
        watchdogInterval.isZero() ? ""
            : ", with a watchdog of " + watchdogInterval.toMillis() + " ms");
    if (shutdownHook != null) {
      shutdownHook.install(stopRequest);
    }
  }

  @Override
  public void starting(Duration waitHint) {
    send("EXTEND_TIMEOUT_USEC=" + micros(waitHint) + "\nSTATUS=starting");
  }

  @Override
  public void ready(String statusText) {
    send("READY=1\nSTATUS=" + oneLine(statusText));
  }

  @Override
  public void status(String statusText) {
    send("STATUS=" + oneLine(statusText));
  }

  @Override
  public Duration keepAliveInterval() {
    return watchdogInterval;
  }

  @Override
  public void keepAlive() {
    send("WATCHDOG=1");
  }

  @Override
  public void stopping(Duration waitHint) {
    send("STOPPING=1\nEXTEND_TIMEOUT_USEC=" + micros(waitHint) + "\nSTATUS=stopping");
  }

  @Override
  public void stopped(ExitKind kind, String reason) {
    String text = switch (kind) {
      case NORMAL -> "stopped";
      case STOPPING_TO_UPDATE -> "stopped to be updated";
      case FAILED -> "failed: " + reason;
    };
    send("STATUS=" + oneLine(text));
    if (shutdownHook != null) {
      shutdownHook.stopped(kind);
    }
  }

  /** Closes the socket and removes the shutdown hook unless it runs. */
  @Override
  public synchronized void close() {
    if (shutdownHook != null) {
      shutdownHook.remove();
    }
    if (socket != null) {
      socket.close();
    }
  }

  /** Sends one notification; a failure is logged once and otherwise ignored. */
  private void send(String message) {
    NotifySocket current;
    synchronized (this) {
      current = socket;
    }
    if (current == null) {
      throw new IllegalStateException("the systemd host is not open");
    }
    try {
      current.send(message);
      log.debug("Notified systemd: {}", message.replace('\n', ' '));
    } catch (IOException e) {
      if (failureLogged.compareAndSet(false, true)) {
        log.warn("Could not notify systemd; the service keeps running, but systemd may time"
            + " it out: {}", e.getMessage());
      }
    }
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1000;
  }

  /** Returns {@code text} without line breaks, which would start a new assignment. */
  private static String oneLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}

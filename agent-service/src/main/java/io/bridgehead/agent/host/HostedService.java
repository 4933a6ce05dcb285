package io.bridgehead.agent.host;

import io.bridgehead.agent.AgentService;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link AgentService} under a {@link ServiceHost}: reports the start, signals
 * readiness once the job loop and the control endpoint run, keeps the status text current,
 * and stops the service on the manager's stop request or when the job loop ends by itself.
 *
 * <p>Readiness does not wait for the tenant. A service whose tenant is unreachable is ready,
 * retries with back-off, and says so in its status text, so that a host that boots before
 * its network or its tenant is up never fails the service.
 *
 * <p>Usage: {@code new HostedService(host).run(() -> AgentService.start(...))}, which blocks
 * until the service has stopped.
 */
public final class HostedService {
  /** The wait hint of each start report; the start is reported again until it ends. */
  public static final Duration START_WAIT_HINT = Duration.ofSeconds(30);
  /**
   * How long a start is kept alive with repeated reports before the manager's own timeout
   * may end it: 5 minutes, for removing many leftover work folders on a slow disk.
   */
  public static final Duration MAX_START = Duration.ofMinutes(5);
  /**
   * The wait hint of the stop report, an upper estimate of {@link AgentService#stop()}: 20 s
   * for running jobs, up to 30 s more for cancelled ones to end and for the poll thread, and
   * 5 s for the outbox, rounded up.
   */
  public static final Duration STOP_WAIT_HINT = Duration.ofSeconds(75);
  /** How often the status text is recomputed; it is sent only when it changed. */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(HostedService.class);

  /** The start of the service, which returns the started service. */
  public interface Starter {
    AgentService start() throws IOException;
  }

  /**
   * The end of a hosted run: the exit kind reported to the host, and its reason.
   *
   * @param reason why the job loop stopped by itself, or null after a requested stop
   */
  public record Outcome(ExitKind kind, String reason) {}

  private final ServiceHost host;
  /** Counted down by the first stop request or by the job loop ending by itself. */
  private final CountDownLatch ended = new CountDownLatch(1);
  /** The kind of the first stop request, or null while none came. */
  private final AtomicReference<ExitKind> requested = new AtomicReference<>();
  /** The reason the job loop ended by itself, or null while it has not. */
  private final AtomicReference<String> fatal = new AtomicReference<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "agent-host-status");
        thread.setDaemon(true);
        return thread;
      });
  /** Guards {@code startEnded}, so that no start report follows the ready report. */
  private final Object startLock = new Object();
  private boolean startEnded;
  private String lastStatus;

  public HostedService(ServiceHost host) {
    this.host = host;
  }

  /**
   * Asks the running service to stop; {@code kind} is reported unless the job loop ended by
   * itself first. Only the first request counts. It returns at once, and {@link #run} stops
   * the service.
   */
  public void requestStop(ExitKind kind) {
    if (requested.compareAndSet(null, kind)) {
      log.info("Stop requested ({}), running under the {} host", kind, host.name());
      ended.countDown();
    }
  }

  /**
   * Opens the host, starts the service and serves until a stop request or until the job loop
   * ends by itself, then stops the service and reports how it ended. An interrupt also stops
   * the service, and the thread's interrupt flag is set again on return.
   *
   * @throws IOException when the host cannot be opened or the service cannot start; the start
   *     failure is reported to the host as {@link ExitKind#FAILED} first
   */
  public Outcome run(Starter starter) throws IOException {
    try {
      host.open(() -> requestStop(ExitKind.NORMAL));
      AgentService service = start(starter);
      serve(service);
      boolean interrupted = false;
      try {
        ended.await();
      } catch (InterruptedException e) {
        // An interrupted caller still gets a stopped service.
        interrupted = true;
      }
      timer.shutdownNow();
      host.stopping(STOP_WAIT_HINT);
      // Read before the stop: a request that waits means the updater stops this service.
      boolean updating = service.updateRequested();
      service.stop();
      Outcome outcome = outcome(updating);
      host.stopped(outcome.kind(), outcome.reason() == null ? "" : outcome.reason());
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return outcome;
    } finally {
      timer.shutdownNow();
      host.close();
    }
  }

  /**
   * Returns the outcome: failed when the job loop ended by itself, else the requested kind,
   * except that a normal stop while an update request waits is a stop to update.
   */
  private Outcome outcome(boolean updating) {
    String reason = fatal.get();
    if (reason != null) {
      return new Outcome(ExitKind.FAILED, reason);
    }
    ExitKind kind = requested.get();
    if ((kind == null || kind == ExitKind.NORMAL) && updating) {
      log.info("The service stops while an update request waits, so it stops to be updated");
      return new Outcome(ExitKind.STOPPING_TO_UPDATE, null);
    }
    return new Outcome(kind == null ? ExitKind.NORMAL : kind, null);
  }

  private AgentService start(Starter starter) throws IOException {
    host.starting(START_WAIT_HINT);
    long period = START_WAIT_HINT.toMillis() / 3;
    long deadline = System.nanoTime() + MAX_START.toNanos();
    ScheduledFuture<?> extension = timer.scheduleAtFixedRate(() -> {
      synchronized (startLock) {
        if (!startEnded && System.nanoTime() - deadline < 0) {
          host.starting(START_WAIT_HINT);
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    try {
      return starter.start();
    } catch (IOException | RuntimeException e) {
      endStart(extension);
      host.stopped(ExitKind.FAILED, "the service failed to start: " + e.getMessage());
      throw e;
    } finally {
      endStart(extension);
    }
  }

  /** Ends the start reports; afterwards no late one can follow the next report. */
  private void endStart(ScheduledFuture<?> extension) {
    extension.cancel(false);
    synchronized (startLock) {
      startEnded = true;
    }
  }

  private void serve(AgentService service) {
    lastStatus = StatusText.of(service.status().toJson());
    host.ready(lastStatus);
    timer.scheduleWithFixedDelay(() -> updateStatus(service), STATUS_INTERVAL.toMillis(),
        STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    Duration keepAlive = host.keepAliveInterval();
    if (!keepAlive.isZero()) {
      // Twice per interval, as sd_watchdog_enabled(3) advises.
      long period = Math.max(1, keepAlive.toMillis() / 2);
      timer.scheduleAtFixedRate(host::keepAlive, 0, period, TimeUnit.MILLISECONDS);
    }
    Thread watcher = new Thread(() -> awaitLoopEnd(service), "agent-host-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void updateStatus(AgentService service) {
    try {
      String text = StatusText.of(service.status().toJson());
      if (!text.equals(lastStatus)) {
        lastStatus = text;
        host.status(text);
      }
    } catch (RuntimeException e) {
      log.warn("Could not update the service status text", e);
    }
  }

  private void awaitLoopEnd(AgentService service) {
    try {
      String reason = service.awaitStop();
      if (reason != null) {
        fatal.set(reason);
        log.error("The service stops by itself: {}", reason);
      }
      ended.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

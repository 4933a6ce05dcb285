package io.bridgehead.agent.host;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM shutdown hook that turns SIGTERM, SIGINT (Ctrl+C) and SIGHUP into a stop request,
 * then keeps the JVM running until the stop is reported or a time limit passes. Without this
 * wait the JVM would halt as soon as the hook returns, in the middle of the stop. After a
 * signal the JVM exits with its own code, 128 plus the signal number (143 for SIGTERM),
 * except after a stop to update, which the hook ends with {@link
 * ServiceHost#UPDATE_EXIT_CODE}.
 */
public final class ShutdownHookStop {
  private static final Logger log = LoggerFactory.getLogger(ShutdownHookStop.class);

  private final Duration stopLimit;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ExitKind stoppedKind = ExitKind.NORMAL;
  private Thread hook;

  /** Makes a hook that waits at most {@code stopLimit} for {@link #stopped()}. */
  public ShutdownHookStop(Duration stopLimit) {
    this.stopLimit = stopLimit;
  }

  /** Registers the hook, which runs {@code stopRequest} and then waits for the stop. */
  public synchronized void install(Runnable stopRequest) {
    if (hook != null) {
      throw new IllegalStateException("the shutdown hook is already installed");
    }
    hook = new Thread(() -> {
      stopRequest.run();
      if (awaitStopped() && stoppedKind == ExitKind.STOPPING_TO_UPDATE) {
        // Exiting from a shutdown hook would block, and returning keeps the signal's exit
        // code, which a service manager may count as a failure. Halting skips the hooks that
        // have not run yet; the service has stopped and logged its stop by now.
        log.info("Exiting with code {}: stopped to be updated", ServiceHost.UPDATE_EXIT_CODE);
        Runtime.getRuntime().halt(ServiceHost.UPDATE_EXIT_CODE);
      }
    }, "agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Records that the service has stopped, which releases a waiting hook. */
  public void stopped() {
    stopped(ExitKind.NORMAL);
  }

  /**
   * Records that the service has stopped with {@code kind}, which releases a waiting hook.
   */
  public void stopped(ExitKind kind) {
    stoppedKind = kind;
    stopped.countDown();
  }

  /**
   * Releases a waiting hook, even when the stop failed, and removes the hook unless the JVM
   * already runs it, so that an ended service does not keep the JVM running at exit.
   */
  public synchronized void remove() {
    stopped.countDown();
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and runs the hook now.
    }
    hook = null;
  }

  /** Waits for the stop and returns whether it was reported in time. */
  private boolean awaitStopped() {
    try {
      if (!stopped.await(stopLimit.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("The service did not stop within {} s; exiting anyway",
            stopLimit.toSeconds());
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

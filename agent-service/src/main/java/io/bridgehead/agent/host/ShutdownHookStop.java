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
 * whatever the service reports.
 */
public final class ShutdownHookStop {
  private static final Logger log = LoggerFactory.getLogger(ShutdownHookStop.class);

  private final Duration stopLimit;
  private final CountDownLatch stopped = new CountDownLatch(1);
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
      awaitStopped();
    }, "agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Records that the service has stopped, which releases a waiting hook. */
  public void stopped() {
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

  private void awaitStopped() {
    try {
      if (!stopped.await(stopLimit.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("The service did not stop within {} s; exiting anyway",
            stopLimit.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.bridgehead.agent.host;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service run from a terminal or by a supervisor that only sends signals: Ctrl+C and
 * SIGTERM request the stop through a {@link ShutdownHookStop}, and reports go to the log.
 */
public final class ForegroundHost implements ServiceHost {
  private static final Logger log = LoggerFactory.getLogger(ForegroundHost.class);

  private final ShutdownHookStop shutdownHook;

  /** Makes a host whose shutdown hook waits at most {@code stopLimit} for the stop. */
  public ForegroundHost(Duration stopLimit) {
    this.shutdownHook = new ShutdownHookStop(stopLimit);
  }

  @Override
  public String name() {
    return "foreground";
  }

  @Override
  public void open(Runnable stopRequest) {
    shutdownHook.install(stopRequest);
  }

  @Override
  public void starting(Duration waitHint) {
    // No service manager waits for a foreground start.
  }

  @Override
  public void ready(String statusText) {
    log.info("Service started: {}", statusText);
  }

  @Override
  public void status(String statusText) {
    log.debug("Service status: {}", statusText);
  }

  @Override
  public void stopping(Duration waitHint) {
    // The service logs its own stop.
  }

  @Override
  public void stopped(ExitKind kind, String reason) {
    shutdownHook.stopped(kind);
  }

  @Override
  public void close() {
    shutdownHook.remove();
  }
}

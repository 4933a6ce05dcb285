package io.bridgehead.installer.services;

import java.io.IOException;
import java.time.Duration;

/**
 * The operating system's service manager, as the installer uses it: systemd on Linux, the
 * Service Control Manager on Windows, or plain child processes for an installation into a
 * folder ({@code --root}). Every method is idempotent, so that an undo step may run after a
 * step that only half happened.
 */
public interface ServiceManager {

  /** Creates the service, or updates its definition when it exists. */
  void register(ServiceDefinition definition) throws IOException;

  /** Starts the service; does nothing when it runs. */
  void start(String name) throws IOException;

  /** Stops the service and waits up to {@code timeout}; does nothing when it is stopped. */
  void stop(String name, Duration timeout) throws IOException;

  /** Stops and removes the service; does nothing when it does not exist. */
  void unregister(String name) throws IOException;

  /** Returns the service's state. */
  ServiceState state(String name) throws IOException;
}

package io.bridgehead.ipc;

import java.io.IOException;

/**
 * Thrown by {@link IpcClient} when it has no connection to the service: nobody listens at the
 * endpoint, the handshake failed, or the connection was lost before the answer arrived. Calls
 * fail with it at once rather than waiting for the client to reconnect.
 */
public final class ServiceNotRunningException extends IOException {
  public ServiceNotRunningException(String message) {
    super(message);
  }

  public ServiceNotRunningException(String message, Throwable cause) {
    super(message, cause);
  }
}

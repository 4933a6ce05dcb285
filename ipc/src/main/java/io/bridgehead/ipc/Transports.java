package io.bridgehead.ipc;

import io.bridgehead.ipc.transport.Transport;
import io.bridgehead.ipc.unix.UnixTransport;
import io.bridgehead.ipc.windows.WindowsPipeTransport;
import java.nio.file.Path;
import java.util.Locale;

/** Chooses the transport of the operating system the process runs on. */
public final class Transports {
  private Transports() {
  }

  /**
   * Returns named pipes under the protected prefix on Windows, and Unix domain sockets in
   * {@link UnixTransport#DEFAULT_DIRECTORY} elsewhere.
   */
  public static Transport forCurrentPlatform() {
    return forCurrentPlatform(UnixTransport.DEFAULT_DIRECTORY);
  }

  /**
   * Returns named pipes under the protected prefix on Windows, and Unix domain sockets in the
   * given directory elsewhere, such as a user-writable runtime directory in development.
   */
  public static Transport forCurrentPlatform(Path unixSocketDirectory) {
    if (isWindows()) {
      return WindowsPipeTransport.standard();
    }
    return new UnixTransport(unixSocketDirectory);
  }

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}

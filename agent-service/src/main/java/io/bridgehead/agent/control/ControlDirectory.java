package io.bridgehead.agent.control;

import io.bridgehead.ipc.EndpointName;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where the services' control sockets live when no directory is given. Windows ignores the
 * directory, because its services listen on named pipes.
 */
public final class ControlDirectory {
  /** The directory of services that run as root. */
  public static final Path SYSTEM = Path.of("/run/bridgehead");

  private ControlDirectory() {}

  /**
   * Returns the default directory: {@code /run/bridgehead} for root;
   * {@code $XDG_RUNTIME_DIR/bridgehead} when that variable is set; otherwise
   * {@code <java.io.tmpdir>/bridgehead-<user>}.
   */
  public static Path defaultDirectory() {
    String user = System.getProperty("user.name", "");
    if (user.equals("root")) {
      return SYSTEM;
    }
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      return Path.of(runtime, "bridgehead");
    }
    String safeUser = user.replaceAll("[^A-Za-z0-9._-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "bridgehead-" + safeUser);
  }

  /**
   * Returns the directory a client looks in: the default one, unless its socket for
   * {@code name} is missing and {@link #SYSTEM} has one. So a user who is not root finds a
   * service that runs as root, as long as the user may search {@code /run/bridgehead}.
   */
  public static Path forClient(EndpointName name) {
    Path own = defaultDirectory();
    String socket = name.role() + ".sock";
    if (!Files.exists(own.resolve(socket), LinkOption.NOFOLLOW_LINKS)
        && Files.exists(SYSTEM.resolve(socket), LinkOption.NOFOLLOW_LINKS)) {
      return SYSTEM;
    }
    return own;
  }
}

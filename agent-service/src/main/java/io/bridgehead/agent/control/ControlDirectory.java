package io.bridgehead.agent.control;

import io.bridgehead.ipc.EndpointName;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The default directory of the services' control sockets, and a check that it is safe to use.
 * Windows ignores the directory, because its services listen on named pipes.
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
   * Checks that no other user can replace a socket in an existing directory: it must belong
   * to the current user or root and must not be writable by group or others. A directory
   * under {@code /tmp} could otherwise be made in advance by another user, who could then
   * pose as the service and receive an enrollment key. A missing directory passes, because
   * the server creates it with mode 0750.
   *
   * @throws IOException naming the directory and what to do
   */
  public static void checkNotShared(Path directory) throws IOException {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
        || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    String owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
    String user = System.getProperty("user.name", "");
    if (!owner.equals(user) && !owner.equals("root")) {
      throw new IOException("the socket directory " + directory + " belongs to " + owner
          + ", not to " + user + " or root, so that user could pose as the service; remove"
          + " it, or give another directory with --ipc-dir");
    }
    Set<PosixFilePermission> modes = Files.getPosixFilePermissions(directory,
        LinkOption.NOFOLLOW_LINKS);
    if (modes.contains(PosixFilePermission.GROUP_WRITE)
        || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException("the socket directory " + directory + " is writable by other"
          + " users, who could replace the service's socket; run 'chmod go-w " + directory
          + "', or give another directory with --ipc-dir");
    }
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

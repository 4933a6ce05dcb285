package io.bridgehead.agent.host.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether this process writes to the journal. Systemd sets {@code JOURNAL_STREAM} to
 * {@code DEVICE:INODE} of the stream it connects to a service's standard output or error, as
 * systemd.exec(5) describes. A process started from such a service, say from a shell, may
 * inherit the variable with a terminal as its output, so the inode is compared with that of
 * this process's own file descriptors 1 and 2.
 */
public final class JournalStream {
  /** The environment variable systemd sets for a service connected to the journal. */
  public static final String VARIABLE = "JOURNAL_STREAM";

  private JournalStream() {}

  /**
   * Returns whether standard output or standard error is the stream {@code JOURNAL_STREAM}
   * names. Where {@code /proc/self/fd} cannot be read, the variable alone decides.
   */
  public static boolean isConnected(Map<String, String> environment) {
    String stream = environment.get(VARIABLE);
    if (stream == null || stream.isEmpty()) {
      return false;
    }
    boolean readable = false;
    for (String fd : new String[] {"1", "2"}) {
      try {
        String target = Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
        readable = true;
        if (matches(stream, target)) {
          return true;
        }
      } catch (IOException | UnsupportedOperationException e) {
        // No /proc here; the other descriptor or the variable alone decides.
      }
    }
    return !readable;
  }

  /**
   * Returns whether {@code journalStream} ({@code DEVICE:INODE}) names the socket that a
   * {@code /proc/self/fd} link points to ({@code socket:[INODE]}). Only the inode is
   * compared, because the link does not show the device.
   */
  static boolean matches(String journalStream, String fdLinkTarget) {
    int colon = journalStream.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String inode = journalStream.substring(colon + 1).trim();
    return !inode.isEmpty() && fdLinkTarget.equals("socket:[" + inode + "]");
  }
}

package io.bridgehead.agent.host.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether this process's standard output is the journal. Systemd sets {@code JOURNAL_STREAM}
 * to {@code DEVICE:INODE} of the stream it connects to a service's standard output or error,
 * as systemd.exec(5) describes. A process started from such a service, say from a shell, may
 * inherit the variable with a terminal as its output, so the inode is compared with that of
 * this process's file descriptor 1.
 *
 * <p>Only standard output counts, because the journal layout writes there. When a unit sends
 * standard output and standard error to separate journal streams, the variable names standard
 * error and this check fails, so the service falls back to standard error, which also reaches
 * the journal, only without priority prefixes.
 */
public final class JournalStream {
  /** The environment variable systemd sets for a service connected to the journal. */
  public static final String VARIABLE = "JOURNAL_STREAM";
  private static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");

  private JournalStream() {}

  /**
   * Returns whether standard output is the stream {@code JOURNAL_STREAM} names. Where
   * {@code /proc/self/fd} cannot be read, the variable alone decides.
   */
  public static boolean isConnected(Map<String, String> environment) {
    String stream = environment.get(VARIABLE);
    if (stream == null || stream.isEmpty()) {
      return false;
    }
    try {
      return matches(stream, Files.readSymbolicLink(STANDARD_OUTPUT).toString());
    } catch (IOException | UnsupportedOperationException e) {
      // No /proc here, so trust the variable.
      return true;
    }
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

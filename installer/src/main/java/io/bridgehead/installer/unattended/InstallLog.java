package io.bridgehead.installer.unattended;

import io.bridgehead.installer.files.FileTrees;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The install log: every progress event and note, one per line with a UTC time stamp,
 * appended to the file and flushed at once. It never contains a secret. It stays after a
 * failed install, because it is the record of what failed.
 */
public final class InstallLog implements Closeable {
  private final Path file;
  private final List<Path> createdFolders;
  private final BufferedWriter writer;

  private InstallLog(Path file, List<Path> createdFolders, BufferedWriter writer) {
    this.file = file;
    this.createdFolders = createdFolders;
    this.writer = writer;
  }

  /** Opens the log for appending, creating it (mode 0640) and its folders when missing. */
  public static InstallLog open(Path file) throws IOException {
    List<Path> created = FileTrees.createFolders(file.getParent(), "rwxr-x---");
    if (!Files.exists(file) && FileTrees.isPosix(file.getParent())) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-r-----")));
    }
    BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new InstallLog(file, created, writer);
  }

  /** Returns the log file, or null when the log is disabled. */
  public Path file() {
    return file;
  }

  /** Returns the folders {@link #open} created for the log, outermost first. */
  List<Path> createdFolders() {
    return createdFolders;
  }

  /** Returns a log that writes nothing, for when the log file cannot be opened. */
  public static InstallLog disabled() {
    return new InstallLog(null, List.of(), null);
  }

  /** Appends one line; a failure to write the log does not stop the install. */
  public synchronized void line(String text) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + text);
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      // The console shows every line too, so the install goes on without its log.
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }
}

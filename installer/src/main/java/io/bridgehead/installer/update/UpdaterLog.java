package io.bridgehead.installer.update;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The updater's log: {@code updater.log} in the update folder, appended to, and the
 * command's standard output. It also keeps this run's lines, which become the steps of
 * {@code result.json}. The log file is opened without following a symbolic link, because the
 * services' account, which owns the folder, must not be able to make root write elsewhere.
 */
final class UpdaterLog implements AutoCloseable {
  private final OutputStream file;
  private final PrintStream out;
  private final List<String> lines = new ArrayList<>();

  private UpdaterLog(OutputStream file, PrintStream out) {
    this.file = file;
    this.out = out;
  }

  /** Opens {@code logFile} for appending; {@code out} receives every line too. */
  static UpdaterLog open(Path logFile, PrintStream out) throws IOException {
    OutputStream file = Files.newOutputStream(logFile, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    SharedFiles.share(logFile, "rw-r-----");
    return new UpdaterLog(file, out);
  }

  /** Writes one line, with the time in front in the file. */
  synchronized void line(String text) {
    lines.add(text);
    out.println(text);
    String stamped = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + text + "\n";
    try {
      file.write(stamped.getBytes(StandardCharsets.UTF_8));
      file.flush();
    } catch (IOException e) {
      out.println("(the updater log cannot be written: " + e.getMessage() + ")");
    }
  }

  /** Returns this run's lines, oldest first. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}

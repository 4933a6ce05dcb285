package io.bridgehead.agent.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one output stream of a script on its own thread. It decodes the bytes as UTF-8 and
 * replaces malformed bytes with U+FFFD. It masks secrets line by line, hands each complete line
 * to the listener and keeps the text up to the output cap. Past the cap it drains and discards
 * the rest of the stream, so the script never blocks on a full pipe.
 */
final class OutputCollector implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(OutputCollector.class);
  private static final int CHAR_BUFFER_SIZE = 8192;

  private final OutputStreamKind kind;
  private final CappedInputStream in;
  private final SecretMasker masker;
  private final OutputListener listener;
  private final String runName;

  /** The kept, masked text; guarded by {@code this}. */
  private final StringBuilder keptText = new StringBuilder();
  private volatile boolean truncated;
  private int listenerFailures;

  /**
   * @param runName names the run in log messages, such as "script process 1234"
   */
  OutputCollector(OutputStreamKind kind, InputStream in, long capBytes, SecretMasker masker,
      OutputListener listener, String runName) {
    this.kind = kind;
    this.in = new CappedInputStream(in, capBytes);
    this.masker = masker;
    this.listener = listener;
    this.runName = runName;
  }

  @Override
  public void run() {
    StringBuilder line = new StringBuilder();
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      char[] buffer = new char[CHAR_BUFFER_SIZE];
      int count;
      while ((count = reader.read(buffer)) >= 0) {
        for (int i = 0; i < count; i++) {
          if (buffer[i] == '\n') {
            completeLine(line);
          } else {
            line.append(buffer[i]);
          }
        }
      }
      finish(line);
    } catch (IOException e) {
      // The pipe closes under the reader when the run is abandoned; keep what was read.
      log.debug("Stopped reading {} of {}: {}", kind, runName, e.toString());
    }
    if (listenerFailures > 1) {
      log.warn("The output listener failed on {} lines of {} of {}", listenerFailures, kind,
          runName);
    }
  }

  /** Returns the masked text kept so far, line breaks normalized to {@code \n}. */
  synchronized String text() {
    return keptText.toString();
  }

  /** Returns whether bytes past the output cap were discarded. */
  boolean truncated() {
    return truncated;
  }

  private void finish(StringBuilder line) throws IOException {
    if (in.capReached() && in.discardRest() > 0) {
      truncated = true;
      if (line.length() > 0) {
        keep(masker.maskCutLine(stripCarriageReturn(line)), false);
      }
      return;
    }
    if (line.length() > 0) {
      String masked = masker.mask(stripCarriageReturn(line));
      keep(masked, false);
      deliver(masked);
    }
  }

  private void completeLine(StringBuilder line) {
    String masked = masker.mask(stripCarriageReturn(line));
    line.setLength(0);
    keep(masked, true);
    deliver(masked);
  }

  private synchronized void keep(String maskedLine, boolean lineBreak) {
    keptText.append(maskedLine);
    if (lineBreak) {
      keptText.append('\n');
    }
  }

  /** Calls the listener without holding a lock. */
  private void deliver(String maskedLine) {
    try {
      listener.onLine(kind, maskedLine);
    } catch (RuntimeException e) {
      listenerFailures++;
      if (listenerFailures == 1) {
        log.warn("The output listener failed on a line of {} of {}; reading goes on", kind,
            runName, e);
      }
    }
  }

  private static String stripCarriageReturn(StringBuilder line) {
    int length = line.length();
    boolean crlf = length > 0 && line.charAt(length - 1) == '\r';
    return line.substring(0, crlf ? length - 1 : length);
  }
}

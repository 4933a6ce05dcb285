package io.bridgehead.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Standard input read one line at a time by every option of one command that takes {@code -},
 * through one reader, so that a line read ahead into its buffer is not lost to the next option.
 */
final class InputLines {
  private final InputStream in;
  private BufferedReader reader;

  InputLines(InputStream in) {
    this.in = in;
  }

  /** Returns the next line without its line end, or null at the end of the input. */
  String next() throws IOException {
    if (reader == null) {
      reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return reader.readLine();
  }
}

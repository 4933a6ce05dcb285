package io.bridgehead.agent.script;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes on at most {@code cap} bytes of a stream and then reports end of stream. The caller
 * then drains the rest with {@link #discardRest()}, so that the writer does not block on a
 * full pipe.
 */
final class CappedInputStream extends InputStream {
  private static final int DISCARD_BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final long cap;
  private long passed;
  private boolean capReached;

  CappedInputStream(InputStream in, long cap) {
    this.in = in;
    this.cap = cap;
  }

  @Override
  public int read() throws IOException {
    byte[] single = new byte[1];
    int count = read(single, 0, 1);
    return count < 0 ? -1 : single[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    long room = cap - passed;
    if (room <= 0) {
      capReached = true;
      return -1;
    }
    int count = in.read(buffer, offset, (int) Math.min(length, room));
    if (count > 0) {
      passed += count;
    }
    return count;
  }

  /**
   * Reads the underlying stream to its end and discards the bytes. Returns how many bytes were
   * discarded; a stream that reached the cap exactly and then ended discards 0.
   */
  long discardRest() throws IOException {
    byte[] scratch = new byte[DISCARD_BUFFER_BYTES];
    long discarded = 0;
    int count;
    while ((count = in.read(scratch)) >= 0) {
      discarded += count;
    }
    return discarded;
  }

  /** Returns whether the cap stopped the passing of bytes; more bytes may or may not follow. */
  boolean capReached() {
    return capReached;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

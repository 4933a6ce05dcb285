package io.bridgehead.ipc.rpc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames: a 4-byte big-endian unsigned length, then that many bytes. It allocates a frame
 * only after checking its length against the limit, and records when a frame started and when
 * the last one ended so that another thread can time out a peer that stalls.
 *
 * <p>One thread reads; any thread may read the timestamps.
 */
public final class FrameReader {
  private final InputStream in;
  private final int maxFrameBytes;
  private final byte[] header = new byte[4];
  /** System.nanoTime() when the first byte of the current frame arrived; 0 between frames. */
  private volatile long partialSince;
  /** System.nanoTime() when the last whole frame arrived, or when this reader was made. */
  private volatile long lastFrameAt = System.nanoTime();

  public FrameReader(InputStream in, int maxFrameBytes) {
    this.in = in;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Returns the next frame's body, or null when the stream ends cleanly between frames.
   *
   * @throws FrameTooLargeException when the length is above the limit; the stream is then out
   *     of step, so the caller must close it
   * @throws EOFException when the stream ends inside a frame
   */
  public byte[] read() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    partialSince = nanoTimeNonZero();
    header[0] = (byte) first;
    readFully(header, 1, 3);
    long length = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFFL) << 16)
        | ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
    if (length > maxFrameBytes) {
      throw new FrameTooLargeException(length, maxFrameBytes);
    }
    byte[] body = new byte[(int) length];
    readFully(body, 0, body.length);
    lastFrameAt = System.nanoTime();
    partialSince = 0;
    return body;
  }

  /** Returns System.nanoTime() when the frame being read began, or 0 between frames. */
  public long partialSince() {
    return partialSince;
  }

  /** Returns System.nanoTime() when the last whole frame arrived. */
  public long lastFrameAt() {
    return lastFrameAt;
  }

  private void readFully(byte[] buffer, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int count = in.read(buffer, offset + done, length - done);
      if (count < 0) {
        throw new EOFException("stream ended inside a frame, after " + done + " of "
            + length + " bytes");
      }
      done += count;
    }
  }

  static long nanoTimeNonZero() {
    long now = System.nanoTime();
    return now == 0 ? 1 : now;
  }
}

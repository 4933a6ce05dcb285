package io.bridgehead.ipc.rpc;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames, one at a time even when several threads write. It records when the current
 * write began so that another thread can time out a peer that stopped reading.
 */
public final class FrameWriter {
  private final OutputStream out;
  private final int maxFrameBytes;
  /** System.nanoTime() when the write in progress began; 0 when no write is in progress. */
  private volatile long writingSince;

  public FrameWriter(OutputStream out, int maxFrameBytes) {
    this.out = out;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Writes one frame and flushes it.
   *
   * @throws FrameTooLargeException when the body is above the limit; nothing is written then
   */
  public void write(byte[] body) throws IOException {
    if (body.length > maxFrameBytes) {
      throw new FrameTooLargeException(body.length, maxFrameBytes);
    }
    byte[] frame = new byte[4 + body.length];
    frame[0] = (byte) (body.length >>> 24);
    frame[1] = (byte) (body.length >>> 16);
    frame[2] = (byte) (body.length >>> 8);
    frame[3] = (byte) body.length;
    System.arraycopy(body, 0, frame, 4, body.length);
    synchronized (this) {
      writingSince = FrameReader.nanoTimeNonZero();
      try {
        out.write(frame);
        out.flush();
      } finally {
        writingSince = 0;
      }
    }
  }

  /** Returns System.nanoTime() when the write in progress began, or 0 when none is. */
  public long writingSince() {
    return writingSince;
  }
}

package io.bridgehead.ipc.rpc;

import java.io.IOException;

/** A frame's length prefix is above the limit; the frame body was neither read nor allocated. */
public final class FrameTooLargeException extends IOException {
  private final long length;

  public FrameTooLargeException(long length, int limit) {
    super("frame of " + length + " bytes exceeds the limit of " + limit + " bytes");
    this.length = length;
  }

  /** Returns the length the prefix announced, from 0 to 2^32-1. */
  public long length() {
    return length;
  }
}

package io.bridgehead.ipc.transport;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One open byte stream in both directions. One thread may read while another writes.
 * {@link #close()} may be called from any thread, at any time and more than once; it makes
 * blocked reads and writes fail or end.
 */
public interface Connection extends Closeable {
  InputStream input();

  OutputStream output();

  @Override
  void close();
}

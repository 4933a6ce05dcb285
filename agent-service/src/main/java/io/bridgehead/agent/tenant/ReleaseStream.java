package io.bridgehead.agent.tenant;

import java.io.Closeable;
import java.io.InputStream;
import okhttp3.Response;

/**
 * The body of a release download that is being received. Close it to release the connection.
 *
 * @param offset the byte of the package that the body starts at: the requested offset when
 *     the tenant sent a range, or 0 when it sent the whole package
 * @param length the number of bytes in the body, or -1 when the tenant did not say
 * @param body the bytes as they arrive
 */
public record ReleaseStream(long offset, long length, InputStream body, Response response)
    implements Closeable {
  @Override
  public void close() {
    response.close();
  }
}

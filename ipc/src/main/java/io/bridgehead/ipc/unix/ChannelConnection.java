package io.bridgehead.ipc.unix;

import io.bridgehead.ipc.transport.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection over a blocking Unix domain {@link SocketChannel}.
 *
 * <p>Its streams call the channel directly. The streams of {@code Channels.newInputStream} and
 * {@code newOutputStream} are no use here: in JDK 17 both take the channel's blocking lock, so a
 * write waits for a blocked read to end.
 */
class ChannelConnection implements Connection {
  private static final Logger log = LoggerFactory.getLogger(ChannelConnection.class);

  private final SocketChannel channel;
  private final InputStream input = new ChannelInput();
  private final OutputStream output = new ChannelOutput();

  ChannelConnection(SocketChannel channel) {
    this.channel = channel;
  }

  final SocketChannel channel() {
    return channel;
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return output;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("Closing a Unix socket connection failed", e);
    }
  }

  private final class ChannelInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int count = read(one, 0, 1);
      return count < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      return channel.read(ByteBuffer.wrap(buffer, offset, length));
    }

    @Override
    public void close() {
      ChannelConnection.this.close();
    }
  }

  private final class ChannelOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void close() {
      ChannelConnection.this.close();
    }
  }
}

package io.bridgehead.ipc.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  @Test
  void frameRoundTrip() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out, 100).write(new byte[] {1, 2, 3});

    FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), 100);

    assertThat(reader.read()).containsExactly(1, 2, 3);
    assertThat(reader.read()).isNull();
    assertThat(reader.partialSince()).isZero();
  }

  @Test
  void lengthAboveLimitNotRead() {
    CountingInput in = new CountingInput(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 'x'});
    FrameReader reader = new FrameReader(in, 1024);

    assertThatThrownBy(reader::read)
        .isInstanceOfSatisfying(FrameTooLargeException.class,
            e -> assertThat(e.length()).isEqualTo(4294967295L))
        .hasMessage("frame of 4294967295 bytes exceeds the limit of 1024 bytes");
    assertThat(in.consumed).isEqualTo(4);
  }

  @Test
  void lengthAtLimitAccepted() throws IOException {
    byte[] frame = new byte[4 + 8];
    frame[3] = 8;

    assertThat(new FrameReader(new ByteArrayInputStream(frame), 8).read()).hasSize(8);
  }

  @Test
  void truncatedHeaderIsEof() {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[] {0, 0}), 100);

    assertThatThrownBy(reader::read).isInstanceOf(EOFException.class)
        .hasMessageContaining("after 1 of 3 bytes");
  }

  @Test
  void truncatedBodyIsEof() {
    FrameReader reader = new FrameReader(
        new ByteArrayInputStream(new byte[] {0, 0, 0, 5, 'a'}), 100);

    assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
  }

  @Test
  void writerRejectsOversizedBody() {
    FrameWriter writer = new FrameWriter(new ByteArrayOutputStream(), 2);

    assertThatThrownBy(() -> writer.write(new byte[3]))
        .isInstanceOf(FrameTooLargeException.class);
  }

  /** Counts the bytes read, to show the reader stopped after the header. */
  private static final class CountingInput extends InputStream {
    private final byte[] bytes;
    private int consumed;

    CountingInput(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return consumed < bytes.length ? bytes[consumed++] & 0xFF : -1;
    }
  }
}

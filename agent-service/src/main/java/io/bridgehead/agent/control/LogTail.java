package io.bridgehead.agent.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the last lines of a text file from its end, one block at a time, so that a large log
 * file is never read whole.
 */
final class LogTail {
  private static final int BLOCK_BYTES = 8192;

  /**
   * The last lines of a file.
   *
   * @param lines the lines in file order, without line terminators
   * @param truncated true when the byte limit was reached before the requested number of lines
   *     was found, so that the first line returned may be the end of a longer one
   */
  record Tail(List<String> lines, boolean truncated) {}

  private LogTail() {}

  /**
   * Returns up to {@code count} last lines of {@code file}, reading at most {@code maxBytes}
   * from its end. Bytes that are not valid UTF-8 are replaced.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   */
  static Tail read(Path file, int count, int maxBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int newlines = 0;
      // Read blocks backwards until count + 1 line ends are seen: the extra one marks where
      // the first wanted line begins. A final newline at the end of the file ends the last
      // line, so it does not count.
      long end = size;
      if (size > 0 && byteAt(channel, size - 1) == '\n') {
        end = size - 1;
      }
      long start = end;
      ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
      boolean found = false;
      while (start > 0 && end - start < maxBytes && !found) {
        int length = (int) Math.min(BLOCK_BYTES, Math.min(start, maxBytes - (end - start)));
        long position = start - length;
        block.clear().limit(length);
        readFully(channel, block, position);
        for (int i = length - 1; i >= 0; i--) {
          if (block.get(i) == '\n') {
            newlines++;
            if (newlines == count) {
              start = position + i + 1;
              found = true;
              break;
            }
          }
        }
        if (!found) {
          start = position;
        }
      }
      boolean truncated = !found && start > 0;
      ByteBuffer content = ByteBuffer.allocate((int) (end - start));
      readFully(channel, content, start);
      String text = new String(content.array(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(text.isEmpty() && end == start ? List.of()
          : text.lines().toList());
      return new Tail(lines, truncated);
    }
  }

  private static byte byteAt(FileChannel channel, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    readFully(channel, one, position);
    return one.get(0);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long offset = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, offset);
      if (read < 0) {
        throw new IOException("the file shrank while being read; try again");
      }
      offset += read;
    }
  }
}

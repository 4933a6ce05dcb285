package io.bridgehead.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir
  Path folder;

  @Test
  void lastLinesWithoutFinalNewline() throws Exception {
    Path file = Files.writeString(folder.resolve("a.log"), "one\ntwo\nthree");

    LogTail.Tail tail = LogTail.read(file, 2, 1024);

    assertThat(tail.lines()).containsExactly("two", "three");
    assertThat(tail.truncated()).isFalse();
  }

  @Test
  void fewerLinesThanRequested() throws Exception {
    Path file = Files.writeString(folder.resolve("a.log"), "one\ntwo\n");

    assertThat(LogTail.read(file, 10, 1024).lines()).containsExactly("one", "two");
  }

  @Test
  void emptyFileHasNoLines() throws Exception {
    Path file = Files.writeString(folder.resolve("a.log"), "");

    assertThat(LogTail.read(file, 10, 1024).lines()).isEmpty();
  }

  @Test
  void linesAcrossBlockBoundaries() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("entry number ").append(i).append('\n');
    }
    Path file = Files.writeString(folder.resolve("a.log"), text);

    LogTail.Tail tail = LogTail.read(file, 1000, 1024 * 1024);

    assertThat(tail.lines()).hasSize(1000);
    assertThat(tail.lines().get(0)).isEqualTo("entry number 4000");
    assertThat(tail.lines().get(999)).isEqualTo("entry number 4999");
  }

  @Test
  void byteLimitTruncates() throws Exception {
    Path file = Files.writeString(folder.resolve("a.log"), "x".repeat(5000) + "\nlast\n");

    LogTail.Tail tail = LogTail.read(file, 2, 100);

    assertThat(tail.truncated()).isTrue();
    assertThat(tail.lines()).last().isEqualTo("last");
    assertThat(String.join("\n", tail.lines())).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void missingFileThrows() {
    assertThatThrownBy(() -> LogTail.read(folder.resolve("none.log"), 1, 100))
        .isInstanceOf(NoSuchFileException.class);
  }
}

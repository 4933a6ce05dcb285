package io.bridgehead.agent.host.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalStreamTest {
  @Test
  void matchesSocketWithSameInode() {
    assertThat(JournalStream.matches("8:123456", "socket:[123456]")).isTrue();
  }

  @Test
  void rejectsOtherInodeOrKind() {
    assertThat(JournalStream.matches("8:123456", "socket:[654321]")).isFalse();
    assertThat(JournalStream.matches("8:123456", "/dev/pts/0")).isFalse();
    assertThat(JournalStream.matches("123456", "socket:[123456]")).isFalse();
    assertThat(JournalStream.matches("8:", "socket:[]")).isFalse();
  }

  @Test
  void missingVariableIsNotConnected() {
    assertThat(JournalStream.isConnected(Map.of())).isFalse();
    assertThat(JournalStream.isConnected(Map.of(JournalStream.VARIABLE, ""))).isFalse();
  }

  /** Standard output of a test JVM is a pipe or file of the build, never this stream. */
  @Test
  void inheritedVariableWithOtherOutputIsNotConnected() {
    assertThat(JournalStream.isConnected(Map.of(JournalStream.VARIABLE, "8:1"))).isFalse();
  }
}

package io.bridgehead.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogLevelTest {
  @Test
  void continuationLinesKeepEntryLevel() {
    List<LogLevel.Line> lines = LogLevel.classify(List.of(
        "2026-12-04T19:01:15.783Z INFO  [main] IpcServer: listening",
        "2026-12-04T19:01:16.000Z ERROR [job-1] JobRunner: failed",
        "java.io.IOException: broken pipe",
        "\tat Example.run(Example.java:1)",
        "19:01:17.000 WARN  [main] JobLoop: slow"));

    assertThat(lines).extracting(LogLevel.Line::level).containsExactly(LogLevel.INFO,
        LogLevel.ERROR, LogLevel.ERROR, LogLevel.ERROR, LogLevel.WARN);
  }

  @Test
  void filterKeepsMoreSevereLevels() {
    assertThat(LogLevel.ERROR.atLeast(LogLevel.WARN)).isTrue();
    assertThat(LogLevel.WARN.atLeast(LogLevel.WARN)).isTrue();
    assertThat(LogLevel.INFO.atLeast(LogLevel.WARN)).isFalse();
    assertThat(LogLevel.DEBUG.atLeast(LogLevel.TRACE)).isTrue();
  }
}

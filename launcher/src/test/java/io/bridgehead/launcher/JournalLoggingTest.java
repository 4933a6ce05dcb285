package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When {@code agent run} logs to the journal instead of standard error. */
class JournalLoggingTest {
  private static final List<String> RUN = List.of("agent", "run", "--role", "automation");

  @Test
  void terminalLogsToStandardError() {
    assertThat(Main.logsToJournal(RUN, Map.of())).isFalse();
  }

  @Test
  void notifySocketSelectsJournal() {
    assertThat(Main.logsToJournal(RUN, Map.of("NOTIFY_SOCKET", "@notify"))).isTrue();
  }

  @Test
  void explicitFlagSelectsJournal() {
    assertThat(Main.logsToJournal(with("--log-journal"), Map.of())).isTrue();
  }

  @Test
  void systemdHostSelectsJournal() {
    assertThat(Main.logsToJournal(with("--service-host", "systemd"), Map.of())).isTrue();
    assertThat(Main.logsToJournal(with("--service-host=systemd"), Map.of())).isTrue();
  }

  @Test
  void foregroundHostIgnoresNotifySocket() {
    assertThat(Main.logsToJournal(with("--service-host", "foreground"),
        Map.of("NOTIFY_SOCKET", "@notify"))).isFalse();
  }

  @Test
  void invalidHostCountsAsAuto() {
    assertThat(Main.logsToJournal(with("--service-host", "launchd"), Map.of())).isFalse();
    assertThat(Main.logsToJournal(with("--service-host", "launchd"),
        Map.of("NOTIFY_SOCKET", "@notify"))).isTrue();
  }

  @Test
  void inheritedJournalStreamIgnored() {
    assertThat(Main.logsToJournal(RUN, Map.of("JOURNAL_STREAM", "8:1"))).isFalse();
  }

  private static List<String> with(String... options) {
    List<String> arguments = new ArrayList<>(RUN);
    arguments.addAll(List.of(options));
    return arguments;
  }
}

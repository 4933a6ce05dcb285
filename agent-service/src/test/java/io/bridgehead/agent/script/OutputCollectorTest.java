package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Feeds fixed bytes through a collector on the test thread. */
class OutputCollectorTest {
  private final List<String> lines = new ArrayList<>();

  @Test
  void stripsCarriageReturnOfCrlf() {
    OutputCollector collector = collect("one\r\ntwo\r\n", 100, SecretMasker.forVariables(
        Map.of(), Set.of()));

    assertThat(collector.text()).isEqualTo("one\ntwo\n");
    assertThat(lines).containsExactly("one", "two");
    assertThat(collector.truncated()).isFalse();
  }

  @Test
  void outputEndingExactlyAtCapIsNotTruncated() {
    OutputCollector collector = collect("abc\nde", 6, noSecrets());

    assertThat(collector.text()).isEqualTo("abc\nde");
    assertThat(collector.truncated()).isFalse();
    assertThat(lines).containsExactly("abc", "de");
  }

  @Test
  void cutLineKeptNotDelivered() {
    OutputCollector collector = collect("abc\ndefgh\n", 6, noSecrets());

    assertThat(collector.text()).isEqualTo("abc\nde");
    assertThat(collector.truncated()).isTrue();
    assertThat(lines).containsExactly("abc");
  }

  @Test
  void secretCutByCapIsMasked() {
    SecretMasker masker = SecretMasker.forVariables(Map.of("KEY", "hunter2"), Set.of("KEY"));

    OutputCollector collector = collect("key=hunter2\n", 7, masker);

    assertThat(collector.text()).isEqualTo("key=***");
  }

  @Test
  void multibyteCharacterCutByCapBecomesReplacement() {
    OutputCollector collector = collect("a\u00e9b", 2, noSecrets());

    assertThat(collector.text()).isEqualTo("a\uFFFD");
    assertThat(collector.truncated()).isTrue();
  }

  private OutputCollector collect(String text, long cap, SecretMasker masker) {
    OutputCollector collector = new OutputCollector(OutputStreamKind.OUTPUT,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), cap, masker,
        (stream, line) -> lines.add(line), "test run");
    collector.run();
    return collector;
  }

  private static SecretMasker noSecrets() {
    return SecretMasker.forVariables(Map.of(), Set.of());
  }
}

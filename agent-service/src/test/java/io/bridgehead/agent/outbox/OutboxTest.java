package io.bridgehead.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.LogLine;
import io.bridgehead.wire.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's rules for what it keeps, resends, replaces and drops, with a delivery that
 * returns a scripted list of tenant responses; the end-to-end tests cover the real tenant.
 */
class OutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path folder;

  /** Ends each send with the next scripted outcome; none left means acknowledged. */
  private static final class ScriptedDelivery implements Delivery {
    final Deque<IOException> answers = new ArrayDeque<>();
    final List<OutboxItem> sent = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void send(OutboxItem item) throws IOException {
      sent.add(item);
      IOException answer = answers.pollFirst();
      if (answer != null) {
        throw answer;
      }
    }
  }

  @Test
  void keptItemsSurviveRestart() throws Exception {
    Outbox first = Outbox.open(folder, Duration.ofMillis(10), Duration.ofMillis(50));
    first.appendLogs("job_a", logs());
    first.appendResult("job_a", result());
    first.close();

    Outbox second = Outbox.open(folder, Duration.ofMillis(10), Duration.ofMillis(50));
    ScriptedDelivery delivery = new ScriptedDelivery();
    second.start(delivery);

    assertThat(second.awaitEmpty(WAIT)).isTrue();
    assertThat(delivery.sent).extracting(OutboxItem::kind)
        .containsExactly(OutboxItem.Kind.LOGS, OutboxItem.Kind.RESULT);
    assertThat(jsonFiles()).isEmpty();
    second.close();
  }

  @Test
  void clonedAnswerKeepsResult() throws Exception {
    Outbox outbox = Outbox.open(folder, Duration.ofMillis(10), Duration.ofMillis(50));
    ScriptedDelivery delivery = new ScriptedDelivery();
    delivery.answers.add(new TenantException(409, AgentApi.AGENT_CLONED, "another process"));
    delivery.answers.add(new TenantException(407, "", "proxy authentication required"));
    outbox.appendResult("job_a", result());

    outbox.start(delivery);

    assertThat(outbox.awaitEmpty(WAIT)).isTrue();
    assertThat(delivery.sent).hasSize(3);
    assertThat(delivery.sent.get(2).fallback()).isFalse();
    outbox.close();
  }

  @Test
  void leaseLostDropsResult() throws Exception {
    Outbox outbox = Outbox.open(folder, Duration.ofMillis(10), Duration.ofMillis(50));
    ScriptedDelivery delivery = new ScriptedDelivery();
    delivery.answers.add(new TenantException(409, AgentApi.LEASE_LOST, "lease gone"));
    outbox.appendResult("job_a", result());

    outbox.start(delivery);

    assertThat(outbox.awaitEmpty(WAIT)).isTrue();
    assertThat(delivery.sent).hasSize(1);
    outbox.close();
  }

  @Test
  void invalidResultIsReplacedOnce() throws Exception {
    Outbox outbox = Outbox.open(folder, Duration.ofMillis(10), Duration.ofMillis(50));
    ScriptedDelivery delivery = new ScriptedDelivery();
    delivery.answers.add(new TenantException(413, "body_too_large", "too large"));
    outbox.appendResult("job_a", result());

    outbox.start(delivery);

    assertThat(outbox.awaitEmpty(WAIT)).isTrue();
    assertThat(delivery.sent).hasSize(2);
    OutboxItem replacement = delivery.sent.get(1);
    assertThat(replacement.fallback()).isTrue();
    assertThat(replacement.body().path("outcome").asText()).isEqualTo("failed");
    assertThat(replacement.body().path("message").asText()).contains("too large");
    outbox.close();
  }

  @Test
  void unreadableFileIsSetAside() throws Exception {
    Files.writeString(folder.resolve("00000000000000000001.json"), "{not json");

    Outbox outbox = Outbox.open(folder, Duration.ofMillis(10), Duration.ofMillis(50));

    assertThat(outbox.pending()).isZero();
    assertThat(folder.resolve("00000000000000000001.json.unreadable")).exists();
    outbox.close();
  }

  @Test
  void unwritableFolderReportsErrorAndKeepsItem() throws Exception {
    Path blocked = folder.resolve("outbox");
    Outbox outbox = Outbox.open(blocked, Duration.ofMillis(10), Duration.ofMillis(50));
    Files.delete(blocked);
    Files.writeString(blocked, "a file where the folder was");

    outbox.appendResult("job_a", result());

    assertThat(outbox.writeError()).contains("cannot write the outbox");
    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.probe()).isFalse();
    Files.delete(blocked);
    assertThat(outbox.probe()).isTrue();
    assertThat(outbox.writeError()).isNull();
    outbox.close();
  }

  private List<Path> jsonFiles() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(path -> path.toString().endsWith(".json")).toList();
    }
  }

  private static LogBatch logs() {
    return new LogBatch("lse_1", List.of(new LogLine(0, Instant.now(), "output", "hello")));
  }

  private static JobResult result() {
    Instant now = Instant.now();
    return new JobResult("lse_1", Outcome.SUCCEEDED, 0, null, "hello\n", "", false,
        "exited with code 0", now, now);
  }
}

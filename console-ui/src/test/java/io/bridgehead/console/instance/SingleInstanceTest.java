package io.bridgehead.console.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
  @TempDir
  Path folder;

  @Test
  void secondInstanceSignalsFirst() throws Exception {
    LinkedBlockingQueue<String> pages = new LinkedBlockingQueue<>();
    try (SingleInstance first = SingleInstance.acquireOrSignal(folder, "", pages::add)) {
      assertThat(first).isNotNull();

      SingleInstance second = SingleInstance.acquireOrSignal(folder, "Jobs", page -> { });
      SingleInstance third = SingleInstance.acquireOrSignal(folder, "", page -> { });

      assertThat(second).isNull();
      assertThat(third).isNull();
      assertThat(pages.poll(10, TimeUnit.SECONDS)).isEqualTo("Jobs");
      assertThat(pages.poll(10, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void closedInstanceLetsNextOneStart() throws Exception {
    SingleInstance first = SingleInstance.acquireOrSignal(folder, "", page -> { });
    first.close();

    try (SingleInstance next = SingleInstance.acquireOrSignal(folder, "", page -> { })) {
      assertThat(next).isNotNull();
    }
  }
}

package io.bridgehead.wire.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

  @Test
  void newestFirstComparesNumbersAndSuffixes() {
    List<String> versions = new ArrayList<>(List.of("1.2.0", "1.10.0", "1.10.0-rc.1",
        "0.9.9", "1.2.10", "1.10.0-beta"));

    versions.sort(VersionOrder.NEWEST_FIRST);

    assertThat(versions).containsExactly("1.10.0", "1.10.0-rc.1", "1.10.0-beta", "1.2.10",
        "1.2.0", "0.9.9");
  }
}

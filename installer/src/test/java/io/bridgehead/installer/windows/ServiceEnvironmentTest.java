package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

  @Test
  void entriesSortedByName() {
    assertThat(ServiceEnvironment.entries(Map.of("NO_PROXY", "localhost", "HTTPS_PROXY",
        "http://proxy:3128", "A", "")))
        .containsExactly("A=", "HTTPS_PROXY=http://proxy:3128", "NO_PROXY=localhost");
  }

  @Test
  void emptyMapGivesNoEntries() {
    assertThat(ServiceEnvironment.entries(Map.of())).isEmpty();
  }

  @Test
  void equalsInNameRejected() {
    assertThatThrownBy(() -> ServiceEnvironment.entries(Map.of("A=B", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid environment variable name 'A=B'");
  }

  @Test
  void emptyNameRejected() {
    assertThatThrownBy(() -> ServiceEnvironment.entries(Map.of("", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid environment variable name ''");
  }

  @Test
  void nulInValueRejected() {
    assertThatThrownBy(() -> ServiceEnvironment.entries(Map.of("A", "b\0c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value of environment variable A: it contains a NUL character");
  }
}

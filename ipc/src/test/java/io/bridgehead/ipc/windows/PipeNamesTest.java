package io.bridgehead.ipc.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.ipc.EndpointName;
import org.junit.jupiter.api.Test;

class PipeNamesTest {
  @Test
  void roleUnderProtectedPrefix() {
    assertThat(PipeNames.forEndpoint(PipeNames.PROTECTED_PREFIX, EndpointName.PROVISIONING))
        .isEqualTo("\\\\.\\pipe\\ProtectedPrefix\\Administrators\\Bridgehead\\provisioning");
  }

  @Test
  void prefixMatchedWithoutCase() {
    assertThat(PipeNames.validate("\\\\.\\PIPE\\Bridgehead-dev\\access"))
        .isEqualTo("\\\\.\\PIPE\\Bridgehead-dev\\access");
  }

  @Test
  void remotePipeRejected() {
    assertThatThrownBy(() -> PipeNames.validate("\\\\server\\pipe\\Bridgehead\\access"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with \\\\.\\pipe\\");
  }

  @Test
  void overlongNameRejected() {
    String name = PipeNames.LOCAL_PIPE + "a".repeat(PipeNames.MAX_LENGTH);

    assertThatThrownBy(() -> PipeNames.validate(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 256");
  }

  @Test
  void emptySegmentsRejected() {
    assertThatThrownBy(() -> PipeNames.validate(PipeNames.LOCAL_PIPE))
        .hasMessageContaining("non-empty words");
    assertThatThrownBy(() -> PipeNames.validate(PipeNames.LOCAL_PIPE + "a\\\\b"))
        .hasMessageContaining("non-empty words");
    assertThatThrownBy(() -> PipeNames.validate(PipeNames.LOCAL_PIPE + "a\\"))
        .hasMessageContaining("non-empty words");
  }

  @Test
  void controlCharacterRejected() {
    assertThatThrownBy(() -> PipeNames.validate(PipeNames.LOCAL_PIPE + "a\nb"))
        .hasMessageContaining("character 10 at position 10");
  }

  @Test
  void endpointNameRulesApply() {
    assertThatThrownBy(() -> new EndpointName("Access\\..\\x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid endpoint name");
  }
}

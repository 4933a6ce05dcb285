package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.wire.Json;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  @Test
  void masksEveryOccurrence() {
    SecretMasker masker = SecretMasker.forVariables(Map.of("KEY", "hunter2"), Set.of("KEY"));

    assertThat(masker.mask("a hunter2 b hunter2")).isEqualTo("a *** b ***");
  }

  @Test
  void leavesShortValuesAndNonSecrets() {
    SecretMasker masker = SecretMasker.forVariables(
        Map.of("PIN", "123", "USER", "alice"), Set.of("PIN", "MISSING"));

    assertThat(masker.mask("pin 123 user alice")).isEqualTo("pin 123 user alice");
  }

  @Test
  void masksLongerSecretWhole() {
    SecretMasker masker = SecretMasker.forVariables(
        Map.of("A", "abcd", "B", "abcdefgh"), Set.of("A", "B"));

    assertThat(masker.mask("x abcdefgh y abcd")).isEqualTo("x *** y ***");
  }

  @Test
  void masksEachLineOfMultilineSecret() {
    SecretMasker masker =
        SecretMasker.forVariables(Map.of("CERT", "line-one\nline-two"), Set.of("CERT"));

    assertThat(masker.maskText("a line-one\nline-two b")).isEqualTo("a ***\n*** b");
  }

  @Test
  void masksSecretCutAtCap() {
    SecretMasker masker = SecretMasker.forVariables(Map.of("KEY", "hunter2"), Set.of("KEY"));

    assertThat(masker.maskCutLine("token hunt")).isEqualTo("token ***");
    assertThat(masker.maskCutLine("token ok")).isEqualTo("token ok");
  }

  @Test
  void masksStringsInsideJson() throws Exception {
    SecretMasker masker = SecretMasker.forVariables(Map.of("KEY", "hunter2"), Set.of("KEY"));
    JsonNode result = Json.mapper().readTree(
        "{\"token\": \"x-hunter2\", \"hunter2\": [\"hunter2\", 7], \"count\": 3}");

    JsonNode masked = masker.maskJson(result);

    assertThat(masked.toString()).doesNotContain("hunter2");
    assertThat(masked.path("token").asText()).isEqualTo("x-***");
    assertThat(masked.path("***").path(0).asText()).isEqualTo("***");
    assertThat(masked.path("***").path(1).asInt()).isEqualTo(7);
    assertThat(masked.path("count").asInt()).isEqualTo(3);
  }

  @Test
  void cutLineMasksLongestSecretPrefix() {
    SecretMasker masker = SecretMasker.forVariables(
        Map.of("A", "s3cr3t-long-value", "B", "tok3n-shortx"), Set.of("A", "B"));

    assertThat(masker.maskCutLine("password is tok3n-s")).isEqualTo("password is ***");
  }
}

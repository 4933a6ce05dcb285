package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {
  @TempDir
  Path folder;

  @Test
  void absentFileIsNoResult() {
    ResultFile result = ResultFile.read(folder.resolve("result.json"));

    assertThat(result.value()).isNull();
    assertThat(result.error()).isNull();
  }

  @Test
  void parsesAnyJsonValue() throws Exception {
    Path file = Files.writeString(folder.resolve("result.json"), "[1, \"two\"]\n");

    ResultFile result = ResultFile.read(file);

    assertThat(result.error()).isNull();
    assertThat(result.value().get(1).asText()).isEqualTo("two");
  }

  @Test
  void whitespaceOnlyIsRejectedAsEmpty() throws Exception {
    Path file = Files.writeString(folder.resolve("result.json"), " \n");

    ResultFile result = ResultFile.read(file);

    assertThat(result.value()).isNull();
    assertThat(result.error()).startsWith("the result file is empty");
  }

  @Test
  void trailingValueIsRejected() throws Exception {
    Path file = Files.writeString(folder.resolve("result.json"), "{} {}");

    ResultFile result = ResultFile.read(file);

    assertThat(result.error()).startsWith("the result file is not valid JSON");
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges there")
  void symbolicLinkIsRejected() throws Exception {
    Path target = Files.writeString(folder.resolve("elsewhere.json"), "{}");
    Path link = Files.createSymbolicLink(folder.resolve("result.json"), target);

    ResultFile result = ResultFile.read(link);

    assertThat(result.value()).isNull();
    assertThat(result.error()).startsWith("the result file is not a regular file");
  }
}

package io.bridgehead.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tag rules: checking, sorting, and the limit on how many. */
class AgentTagsTest {
  @Test
  void tagsAreSortedWithoutRepeats() {
    assertThat(AgentTags.normalize(List.of("linux", "gpu", "linux")))
        .containsExactly("gpu", "linux");
  }

  @Test
  void nullMeansNone() {
    assertThat(AgentTags.normalize(null)).isEmpty();
  }

  @Test
  void invalidTagIsNamed() {
    assertThatThrownBy(() -> AgentTags.normalize(Arrays.asList("ok", "has space")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid tag 'has space'");
  }

  @Test
  void nullTagIsRejected() {
    assertThatThrownBy(() -> AgentTags.normalize(Collections.singletonList(null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid tag 'null'");
  }

  @Test
  void tooManyTagsAreRejected() {
    List<String> many = IntStream.range(0, 33).mapToObj(i -> "t" + i)
        .collect(Collectors.toList());

    assertThatThrownBy(() -> AgentTags.normalize(many))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("33 tags given; use at most 32");
  }
}

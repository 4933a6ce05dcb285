package io.bridgehead.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rules for agent tags, the labels that match jobs to agents: a job that requires tags goes
 * only to an agent that has all of them. Tags compare exactly, case included.
 */
public final class AgentTags {
  /** A tag: 1 to 64 letters, digits, dots, dashes or underscores, starting alphanumeric. */
  public static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** The maximum number of tags on one agent or job. */
  public static final int MAX_TAGS = 32;

  private AgentTags() {}

  /**
   * Checks tags and returns them sorted, without repeats; null counts as none.
   *
   * @throws IllegalArgumentException naming the first invalid tag and the rule, or the count
   */
  public static List<String> normalize(Collection<String> tags) {
    if (tags == null) {
      return List.of();
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String tag : tags) {
      if (tag == null || !TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid tag '" + tag + "': use 1 to 64 letters,"
            + " digits, dots, dashes or underscores, starting with a letter or digit");
      }
      sorted.add(tag);
    }
    if (sorted.size() > MAX_TAGS) {
      throw new IllegalArgumentException(sorted.size() + " tags given; use at most "
          + MAX_TAGS);
    }
    return List.copyOf(new ArrayList<>(sorted));
  }
}

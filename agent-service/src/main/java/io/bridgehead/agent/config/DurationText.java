package io.bridgehead.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them in configuration: a whole number with unit {@code ms},
 * {@code s}, {@code m} or {@code h}, such as {@code 500ms} or {@code 30s}; a bare number is
 * seconds.
 */
public final class DurationText {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  private DurationText() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the text and the accepted form
   */
  public static Duration parse(String text) {
    Matcher matcher = DURATION.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("invalid duration '" + text + "': use a whole number"
          + " with ms, s, m or h, for example 500ms, 30s or 5m");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** Formats a duration in the largest of these units that shows it exactly. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}

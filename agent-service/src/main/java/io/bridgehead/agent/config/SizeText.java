package io.bridgehead.agent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people type them in configuration and options: a whole number with unit {@code B},
 * {@code KiB}, {@code MiB} or {@code GiB}, such as {@code 256MiB}; a bare number is bytes.
 */
public final class SizeText {
  private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB)?",
      Pattern.CASE_INSENSITIVE);
  private static final long KIB = 1024;

  private SizeText() {}

  /**
   * Parses a size into bytes. A well-formed size too large for a {@code long} is
   * {@link Long#MAX_VALUE}, so that a range check reports it as out of range.
   *
   * @throws IllegalArgumentException naming the text and the accepted form
   */
  public static long parse(String text) {
    Matcher matcher = SIZE.matcher(text == null ? "" : text.trim());
    long value = -1;
    if (matcher.matches()) {
      String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
      long multiplier = switch (unit) {
        case "kib" -> KIB;
        case "mib" -> KIB * KIB;
        case "gib" -> KIB * KIB * KIB;
        default -> 1;
      };
      try {
        value = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
      } catch (NumberFormatException | ArithmeticException e) {
        value = Long.MAX_VALUE;
      }
    }
    if (value < 0) {
      throw new IllegalArgumentException("invalid size '" + text + "': use a whole number"
          + " with B, KiB, MiB or GiB, for example 256MiB");
    }
    return value;
  }

  /** Formats a byte count in its largest whole unit: 1KiB, 256MiB, 1000B. */
  public static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB"};
    int unit = 0;
    long value = bytes;
    while (unit < units.length - 1 && value != 0 && value % KIB == 0) {
      value /= KIB;
      unit++;
    }
    return value + units[unit];
  }
}

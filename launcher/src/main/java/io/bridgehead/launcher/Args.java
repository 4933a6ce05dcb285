package io.bridgehead.launcher;

import io.bridgehead.agent.config.SizeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options and operands of one command. Options are {@code --name value},
 * {@code --name=value} or, for flags, {@code --name}; an option may repeat; {@code --} ends
 * the options. Every option must be declared, so a typing mistake is an error, not ignored.
 */
public final class Args {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private final Map<String, List<String>> options;
  private final List<String> operands;

  private Args(Map<String, List<String>> options, List<String> operands) {
    this.options = options;
    this.operands = operands;
  }

  /**
   * Parses arguments.
   *
   * @param valued the names of options that take a value
   * @param flags the names of options that take none
   * @throws CommandException for an unknown option or a missing value
   */
  public static Args parse(List<String> arguments, Set<String> valued, Set<String> flags)
      throws CommandException {
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("--")) {
        operands.addAll(arguments.subList(i + 1, arguments.size()));
        break;
      }
      if (!argument.startsWith("--") || argument.length() == 2) {
        operands.add(argument);
        continue;
      }
      int equals = argument.indexOf('=');
      String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
      if (flags.contains(name)) {
        if (equals >= 0) {
          throw CommandException.invalid("option --" + name + " takes no value");
        }
        options.computeIfAbsent(name, key -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        String value;
        if (equals >= 0) {
          value = argument.substring(equals + 1);
        } else if (i + 1 < arguments.size()) {
          value = arguments.get(++i);
        } else {
          throw CommandException.invalid("option --" + name + " needs a value");
        }
        options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      } else {
        throw CommandException.invalid("unknown option --" + name + "; see --help");
      }
    }
    return new Args(options, operands);
  }

  public List<String> operands() {
    return operands;
  }

  public boolean flag(String name) {
    return options.containsKey(name);
  }

  /** Returns the option's last value, or null when it was not given. */
  public String value(String name) {
    List<String> values = options.get(name);
    return values == null ? null : values.get(values.size() - 1);
  }

  public String value(String name, String fallback) {
    String value = value(name);
    return value == null ? fallback : value;
  }

  public List<String> values(String name) {
    return options.getOrDefault(name, List.of());
  }

  /**
   * Returns an option's value as a duration in [min, max]: a whole number with unit ms, s, m
   * or h, where a bare number is seconds.
   *
   * @throws CommandException for text that is no duration, or one outside the range, naming
   *     the option and the range
   */
  public Duration duration(String name, Duration fallback, Duration min, Duration max)
      throws CommandException {
    String text = value(name);
    if (text == null) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      throw CommandException.invalid("invalid duration '" + text + "' for --" + name
          + ": use a whole number with ms, s, m or h, for example 30s or 5m");
    }
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    Duration value;
    try {
      long amount = Long.parseLong(matcher.group(1));
      value = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      value = null;
    }
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw outOfRange(name, text, format(min), format(max));
    }
    return value;
  }

  /**
   * Returns an option's value as bytes in [min, max]: a whole number with unit B, KiB, MiB or
   * GiB, where a bare number is bytes.
   *
   * @throws CommandException for text that is no size, or one outside the range, naming the
   *     option and the range
   */
  public long size(String name, long fallback, long min, long max) throws CommandException {
    String text = value(name);
    if (text == null) {
      return fallback;
    }
    long value;
    try {
      value = SizeText.parse(text);
    } catch (IllegalArgumentException e) {
      throw CommandException.invalid(e.getMessage().replace("'" + text + "'", "'" + text
          + "' for --" + name));
    }
    if (value < min || value > max) {
      throw outOfRange(name, text, SizeText.format(min), SizeText.format(max));
    }
    return value;
  }

  /**
   * Returns an option's value as an int in [min, max].
   *
   * @throws CommandException for text that is no whole number, or one outside the range
   */
  public int integer(String name, int fallback, int min, int max) throws CommandException {
    String text = value(name);
    if (text == null) {
      return fallback;
    }
    String trimmed = text.trim();
    if (!INTEGER.matcher(trimmed).matches()) {
      throw CommandException.invalid("invalid number '" + text + "' for --" + name
          + "; use a whole number from " + min + " to " + max);
    }
    long value;
    try {
      value = Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      value = Long.MAX_VALUE;
    }
    if (value < min || value > max) {
      throw outOfRange(name, text, Integer.toString(min), Integer.toString(max));
    }
    return (int) value;
  }

  private static CommandException outOfRange(String name, String text, String min,
      String max) {
    return CommandException.invalid("--" + name + " is " + text.trim() + ", which is out of"
        + " range; use " + min + " to " + max);
  }

  /** Formats a duration in its largest whole unit, as the options take it: 90s, 5m, 24h. */
  static String format(Duration duration) {
    if (duration.toMillisPart() != 0 || duration.isZero()) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

}

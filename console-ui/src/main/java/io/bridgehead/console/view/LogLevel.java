package io.bridgehead.console.view;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Levels of the services' Logback lines ({@code <time> <LEVEL> [thread] logger: message}),
 * from the most to the least severe, for the Logs page's filter.
 */
public enum LogLevel {
  ERROR, WARN, INFO, DEBUG, TRACE;

  private static final Pattern LEVEL =
      Pattern.compile("^\\S+\\s+(ERROR|WARN|INFO|DEBUG|TRACE)\\b");

  /** A log line with its level; continuation lines such as stack traces get their entry's. */
  public record Line(String text, LogLevel level) {}

  /** Returns the lines with levels; lines before the first entry count as INFO. */
  static List<Line> classify(List<String> lines) {
    List<Line> result = new ArrayList<>(lines.size());
    LogLevel current = INFO;
    for (String line : lines) {
      Matcher matcher = LEVEL.matcher(line);
      if (matcher.find()) {
        current = valueOf(matcher.group(1));
      }
      result.add(new Line(line, current));
    }
    return result;
  }

  /** Returns whether a line of this level passes a filter that shows {@code minimum}. */
  boolean atLeast(LogLevel minimum) {
    return ordinal() <= minimum.ordinal();
  }
}

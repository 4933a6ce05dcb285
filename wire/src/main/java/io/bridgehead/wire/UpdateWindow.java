package io.bridgehead.wire;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days and hours in which an agent may update, in the agent's local time zone. The text
 * form is {@code [DAYS] HH:MM-HH:MM}, for example {@code mon-fri 01:00-05:00}:
 *
 * <ul>
 *   <li>DAYS is a comma-separated list of days ({@code mon} to {@code sun}) and day ranges
 *       ({@code mon-fri}, or {@code fri-mon} across the weekend). Without DAYS, every day.
 *   <li>The end may be {@code 24:00}. An end before the start makes a window that crosses
 *       midnight, and it belongs to the day it starts on: {@code fri 22:00-02:00} is open from
 *       Friday 22:00 to Saturday 02:00.
 * </ul>
 *
 * @param days the days on which the window opens
 * @param startMinute the opening time, in minutes after midnight, 0 to 1439
 * @param endMinute the closing time, in minutes after midnight, 1 to 1440; before the start
 *     when the window crosses midnight
 */
public record UpdateWindow(Set<DayOfWeek> days, int startMinute, int endMinute) {
  private static final Pattern FORM = Pattern.compile(
      "(?:(?<days>[a-z,-]+)\\s+)?(?<start>\\d{1,2}:\\d{2})-(?<end>\\d{1,2}:\\d{2})");
  private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
  private static final List<String> DAY_NAMES =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final int MINUTES_PER_DAY = 24 * 60;
  private static final String EXAMPLE = "use [DAYS] HH:MM-HH:MM in the agent's local time,"
      + " such as 'mon-fri 01:00-05:00', 'sat,sun 00:00-24:00' or '22:00-02:00'";

  /**
   * Checks the window.
   *
   * @throws IllegalArgumentException naming the value that is out of range
   */
  public UpdateWindow {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("an update window needs at least one day");
    }
    days = Set.copyOf(days);
    if (startMinute < 0 || startMinute >= MINUTES_PER_DAY) {
      throw new IllegalArgumentException("an update window starts at 00:00 to 23:59, not at "
          + startMinute + " minutes after midnight");
    }
    if (endMinute < 1 || endMinute > MINUTES_PER_DAY) {
      throw new IllegalArgumentException("an update window ends at 00:01 to 24:00, not at "
          + endMinute + " minutes after midnight");
    }
    if (startMinute == endMinute) {
      throw new IllegalArgumentException("an update window's start and end are equal; use"
          + " 00:00-24:00 for a whole day");
    }
  }

  /**
   * Parses the text form described on this class.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static UpdateWindow parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the update window is empty; " + EXAMPLE);
    }
    String normalized = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Matcher matcher = FORM.matcher(normalized);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("invalid update window '" + text + "': " + EXAMPLE);
    }
    Set<DayOfWeek> days = matcher.group("days") == null ? EnumSet.allOf(DayOfWeek.class)
        : parseDays(matcher.group("days"), text);
    int start = parseTime(matcher.group("start"), text, false);
    int end = parseTime(matcher.group("end"), text, true);
    if (start == end) {
      throw new IllegalArgumentException("invalid update window '" + text + "': the start and"
          + " end are equal; use 00:00-24:00 for a whole day");
    }
    return new UpdateWindow(days, start, end);
  }

  private static Set<DayOfWeek> parseDays(String text, String whole) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String item : text.split(",", -1)) {
      String[] bounds = item.split("-", -1);
      if (bounds.length > 2) {
        throw invalidDay(item, whole);
      }
      DayOfWeek first = parseDay(bounds[0], whole);
      DayOfWeek last = bounds.length == 2 ? parseDay(bounds[1], whole) : first;
      for (DayOfWeek day = first; ; day = day.plus(1)) {
        days.add(day);
        if (day == last) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek parseDay(String name, String whole) {
    int index = DAY_NAMES.indexOf(name);
    if (index < 0) {
      throw invalidDay(name, whole);
    }
    return DayOfWeek.of(index + 1);
  }

  private static IllegalArgumentException invalidDay(String item, String whole) {
    return new IllegalArgumentException("invalid update window '" + whole + "': '" + item
        + "' is not a day or day range; use mon, tue, wed, thu, fri, sat or sun, a range such"
        + " as mon-fri, or a comma-separated list such as sat,sun");
  }

  private static int parseTime(String text, String whole, boolean isEnd) {
    Matcher matcher = TIME.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("invalid update window '" + whole + "': " + EXAMPLE);
    }
    int hours = Integer.parseInt(matcher.group(1));
    int minutes = Integer.parseInt(matcher.group(2));
    boolean midnightEnd = isEnd && hours == 24 && minutes == 0;
    if (!midnightEnd && (hours > 23 || minutes > 59)) {
      throw new IllegalArgumentException("invalid update window '" + whole + "': '" + text
          + "' is not a time of day; use 00:00 to 23:59" + (isEnd ? ", or 24:00 as an end"
          : ""));
    }
    return hours * 60 + minutes;
  }

  /** Returns whether the window is open at a local date and time. */
  public boolean isOpen(LocalDateTime local) {
    int minute = local.getHour() * 60 + local.getMinute();
    DayOfWeek day = local.getDayOfWeek();
    if (startMinute < endMinute) {
      return days.contains(day) && minute >= startMinute && minute < endMinute;
    }
    // The window crosses midnight: its evening part belongs to today, and its morning part
    // to a window that opened yesterday.
    return (days.contains(day) && minute >= startMinute)
        || (days.contains(day.minus(1)) && minute < endMinute);
  }

  /** Returns whether the window is open at {@code now} in the time zone {@code zone}. */
  public boolean isOpen(Instant now, ZoneId zone) {
    return isOpen(LocalDateTime.ofInstant(now, zone));
  }

  /** Returns the canonical text form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    String times = time(startMinute) + "-" + time(endMinute);
    if (days.size() == DayOfWeek.values().length) {
      return times;
    }
    return dayList() + " " + times;
  }

  /** Writes the days as ranges of consecutive days, Monday first: mon-wed,fri. */
  private String dayList() {
    List<String> items = new ArrayList<>();
    int index = 1;
    while (index <= 7) {
      if (!days.contains(DayOfWeek.of(index))) {
        index++;
        continue;
      }
      int last = index;
      while (last < 7 && days.contains(DayOfWeek.of(last + 1))) {
        last++;
      }
      String first = DAY_NAMES.get(index - 1);
      items.add(last == index ? first : first + "-" + DAY_NAMES.get(last - 1));
      index = last + 1;
    }
    return String.join(",", items);
  }

  private static String time(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}

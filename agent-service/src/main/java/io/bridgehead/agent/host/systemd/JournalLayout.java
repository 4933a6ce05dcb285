package io.bridgehead.agent.host.systemd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * A Logback layout for standard output under systemd: each line starts with the syslog
 * priority as sd-daemon(3) defines it ({@code <3>} error, {@code <4>} warning, {@code <6>}
 * info, {@code <7>} debug and trace), so that journald files the line at that priority and
 * {@code journalctl -p warning} finds it. Every line of a multi-line event, such as a stack
 * trace, gets the prefix, because journald reads each line as an entry of its own.
 *
 * <p>The {@code pattern} property formats the event as {@link PatternLayout} does; it needs no
 * time stamp because journald adds its own.
 */
public final class JournalLayout extends LayoutBase<ILoggingEvent> {
  /** The pattern used when none is configured. */
  public static final String DEFAULT_PATTERN = "[%thread] %logger{0}: %msg%n";

  private final PatternLayout body = new PatternLayout();
  private String pattern = DEFAULT_PATTERN;

  public void setPattern(String value) {
    this.pattern = value;
  }

  public String getPattern() {
    return pattern;
  }

  @Override
  public void start() {
    body.setContext(getContext());
    body.setPattern(pattern);
    body.start();
    super.start();
  }

  @Override
  public void stop() {
    body.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String prefix = priorityPrefix(event.getLevel());
    String text = body.doLayout(event);
    StringBuilder out = new StringBuilder(text.length() + 16);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      String line = text.substring(start, end < 0 ? text.length() : end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      out.append(prefix).append(line).append('\n');
      start = next;
    }
    return out.toString();
  }

  /** Returns the sd-daemon prefix for {@code level}. */
  static String priorityPrefix(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "<3>";
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return "<4>";
    }
    if (level.isGreaterOrEqual(Level.INFO)) {
      return "<6>";
    }
    return "<7>";
  }
}

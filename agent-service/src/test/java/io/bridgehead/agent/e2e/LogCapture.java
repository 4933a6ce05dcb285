package io.bridgehead.agent.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every Logback event of this JVM, at every level, while it is open. The root logger's
 * own appenders are detached meanwhile, so that debug output does not flood the console.
 * {@link #close()} restores the root logger's level and appenders.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root;
  private final Level previousLevel;
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      detached.add(it.next());
    }
    detached.forEach(root::detachAppender);
    appender.setContext(root.getLoggerContext());
    appender.setName("e2e-capture");
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
  }

  /** Starts recording. */
  static LogCapture start() {
    return new LogCapture();
  }

  /**
   * Returns each event recorded so far as one text: level, logger, the formatted message and,
   * when the event carries an exception, its full stack trace with causes.
   */
  List<String> texts() {
    List<ILoggingEvent> events;
    // The appender adds each event while holding its own monitor, so a copy made under that
    // monitor cannot race an append.
    synchronized (appender) {
      events = new ArrayList<>(appender.list);
    }
    List<String> texts = new ArrayList<>(events.size());
    for (ILoggingEvent event : events) {
      StringBuilder text = new StringBuilder()
          .append(event.getLevel()).append(' ')
          .append(event.getLoggerName()).append(": ")
          .append(event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        text.append('\n').append(ThrowableProxyUtil.asString(thrown));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  @Override
  public void close() {
    root.setLevel(previousLevel);
    root.detachAppender(appender);
    appender.stop();
    detached.forEach(root::addAppender);
  }
}

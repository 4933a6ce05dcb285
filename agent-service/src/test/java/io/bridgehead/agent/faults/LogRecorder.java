package io.bridgehead.agent.faults;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records the Logback events of one logger and its children while open, at the levels the
 * configuration lets through (warnings and errors by default). Other appenders keep working.
 */
final class LogRecorder implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogRecorder(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.setContext(logger.getLoggerContext());
    appender.setName("fault-test-recorder");
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts recording the events of {@code loggerName} and the loggers below it. */
  static LogRecorder start(String loggerName) {
    return new LogRecorder(loggerName);
  }

  /** Returns each event recorded so far as its level and formatted message. */
  List<String> messages() {
    List<ILoggingEvent> events;
    // The appender adds each event while holding its own monitor.
    synchronized (appender) {
      events = new ArrayList<>(appender.list);
    }
    List<String> messages = new ArrayList<>(events.size());
    for (ILoggingEvent event : events) {
      messages.add(event.getLevel() + " " + event.getFormattedMessage());
    }
    return messages;
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}

package io.bridgehead.agent.host.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final JournalLayout layout = new JournalLayout();
  private Logger logger;

  @BeforeEach
  void startLayout() {
    layout.setContext(context);
    layout.setPattern("%logger{0}: %msg%n");
    layout.start();
    logger = context.getLogger("io.bridgehead.agent.jobs.JobLoop");
  }

  @AfterEach
  void stopLayout() {
    layout.stop();
    context.stop();
  }

  @Test
  void levelsMapToSyslogPriorities() {
    assertThat(layout.doLayout(event(Level.ERROR, "e", null))).isEqualTo("<3>JobLoop: e\n");
    assertThat(layout.doLayout(event(Level.WARN, "w", null))).isEqualTo("<4>JobLoop: w\n");
    assertThat(layout.doLayout(event(Level.INFO, "i", null))).isEqualTo("<6>JobLoop: i\n");
    assertThat(layout.doLayout(event(Level.DEBUG, "d", null))).isEqualTo("<7>JobLoop: d\n");
    assertThat(layout.doLayout(event(Level.TRACE, "t", null))).isEqualTo("<7>JobLoop: t\n");
  }

  @Test
  void everyLinePrefixed() {
    String text = layout.doLayout(event(Level.WARN, "first\nsecond\r\nthird", null));

    assertThat(text).isEqualTo("<4>JobLoop: first\n<4>second\n<4>third\n");
  }

  @Test
  void stackTraceLinesPrefixed() {
    String text = layout.doLayout(event(Level.ERROR, "failed",
        new IllegalStateException("broken")));

    assertThat(text.split("\n", -1)).hasSizeGreaterThan(3);
    assertThat(text).startsWith("<3>JobLoop: failed\n<3>java.lang.IllegalStateException:"
        + " broken\n<3>\tat ");
    for (String line : text.substring(0, text.length() - 1).split("\n")) {
      assertThat(line).as("line of the stack trace").startsWith("<3>");
    }
  }

  @Test
  void defaultPatternNamesThread() {
    JournalLayout standard = new JournalLayout();
    standard.setContext(context);
    standard.start();

    String text = standard.doLayout(event(Level.INFO, "hello", null));

    assertThat(text).isEqualTo("<6>[" + Thread.currentThread().getName()
        + "] JobLoop: hello\n");
  }

  private LoggingEvent event(Level level, String message, Throwable error) {
    return new LoggingEvent(Logger.class.getName(), logger, level, message, error, null);
  }
}

package io.bridgehead.installer.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowsCommandLineTest {
  private static final String PROGRAM = "C:\\Program Files\\Bridgehead\\bridgehead.exe";

  @Test
  void programAlwaysQuoted() {
    assertThat(WindowsCommandLine.format(List.of("C:\\bh\\bridgehead.exe")))
        .isEqualTo("\"C:\\bh\\bridgehead.exe\"");
  }

  @Test
  void plainArgumentsUnquoted() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "agent", "run", "--role=automation")))
        .isEqualTo("\"" + PROGRAM + "\" agent run --role=automation");
  }

  @Test
  void argumentWithSpaceQuoted() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "--data", "C:\\Program Data\\x")))
        .isEqualTo("\"" + PROGRAM + "\" --data \"C:\\Program Data\\x\"");
  }

  @Test
  void trailingBackslashDoubledInsideQuotes() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "C:\\Program Data\\")))
        .isEqualTo("\"" + PROGRAM + "\" \"C:\\Program Data\\\\\"");
  }

  @Test
  void trailingBackslashKeptWithoutQuotes() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "C:\\data\\")))
        .isEqualTo("\"" + PROGRAM + "\" C:\\data\\");
  }

  @Test
  void embeddedQuoteEscaped() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "say \"hi\"")))
        .isEqualTo("\"" + PROGRAM + "\" \"say \\\"hi\\\"\"");
  }

  @Test
  void backslashesBeforeQuoteDoubled() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "a\\\\\"b")))
        .isEqualTo("\"" + PROGRAM + "\" \"a\\\\\\\\\\\"b\"");
  }

  @Test
  void emptyArgumentQuoted() {
    assertThat(WindowsCommandLine.format(List.of(PROGRAM, "")))
        .isEqualTo("\"" + PROGRAM + "\" \"\"");
  }

  @Test
  void randomArgumentsRoundTrip() {
    Random random = new Random(42);
    String alphabet = "ab \t\"\\\\x\u00e9";
    for (int round = 0; round < 2000; round++) {
      List<String> command = new ArrayList<>();
      command.add(PROGRAM);
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        StringBuilder argument = new StringBuilder();
        int length = random.nextInt(8);
        for (int j = 0; j < length; j++) {
          argument.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        command.add(argument.toString());
      }

      String line = WindowsCommandLine.format(command);

      assertThat(parse(line)).as("parsed %s", line).isEqualTo(command);
    }
  }

  @Test
  void emptyCommandRejected() {
    assertThatThrownBy(() -> WindowsCommandLine.format(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty service command: give the program to run");
  }

  @Test
  void quoteInProgramRejected() {
    assertThatThrownBy(() -> WindowsCommandLine.format(List.of("C:\\a\"b.exe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid program path 'C:\\a\"b.exe'");
  }

  @Test
  void nulInArgumentRejected() {
    assertThatThrownBy(() -> WindowsCommandLine.format(List.of(PROGRAM, "a\0b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid command part 'a?b'");
  }

  /**
   * Splits a command line with the Microsoft C runtime's rules as the class Javadoc states
   * them: the program path up to its closing quote, then arguments with the backslash and
   * quote rules. A quote right after a closing quote is taken as a literal quote, which the
   * formatter never produces.
   */
  private static List<String> parse(String line) {
    List<String> parts = new ArrayList<>();
    int end = line.indexOf('"', 1);
    parts.add(line.substring(1, end));
    int i = end + 1;
    while (true) {
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i >= line.length()) {
        return parts;
      }
      StringBuilder argument = new StringBuilder();
      boolean quoted = false;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (!quoted && (c == ' ' || c == '\t')) {
          break;
        }
        if (c == '\\') {
          int start = i;
          while (i < line.length() && line.charAt(i) == '\\') {
            i++;
          }
          int backslashes = i - start;
          if (i < line.length() && line.charAt(i) == '"') {
            argument.append("\\".repeat(backslashes / 2));
            if (backslashes % 2 == 1) {
              argument.append('"');
              i++;
            }
          } else {
            argument.append("\\".repeat(backslashes));
          }
          continue;
        }
        if (c == '"') {
          quoted = !quoted;
          i++;
          continue;
        }
        argument.append(c);
        i++;
      }
      parts.add(argument.toString());
    }
  }
}

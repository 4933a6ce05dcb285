package io.bridgehead.installer.windows;

import java.util.List;

/**
 * Formats a program and its arguments as one Windows command line, the form that
 * {@code CreateService} stores as the service's image path.
 *
 * <p>Windows passes a program one string, and the program splits it. Java's launcher splits
 * it with the Microsoft C runtime's rules, which {@code CommandLineToArgvW} also follows:
 * white space separates arguments unless inside double quotes; {@code 2n} backslashes before
 * a quote become {@code n} backslashes and the quote opens or closes a quoted part;
 * {@code 2n+1} backslashes before a quote become {@code n} backslashes and a literal quote;
 * other backslashes are literal. The program path itself is read up to the closing quote with
 * no escapes, so it cannot contain a quote. It is always quoted, because the Service Control
 * Manager tries each space-separated prefix of an unquoted path in turn (for example
 * {@code C:\Program.exe} before {@code C:\Program Files\...}).
 *
 * <p>The unit tests check the output with a parser that follows the rules above. NOTE: no
 * Windows program has parsed these lines yet.
 */
public final class WindowsCommandLine {
  private WindowsCommandLine() {
  }

  /**
   * Returns the command line for {@code command}: the program path quoted, then each
   * argument, quoted when it is empty or contains white space or a quote.
   *
   * @throws IllegalArgumentException when the command is empty, the program path is empty or
   *     contains a quote, or any part contains a NUL character
   */
  public static String format(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty service command: give the program to run");
    }
    String program = command.get(0);
    if (program.isEmpty() || program.indexOf('"') >= 0) {
      throw new IllegalArgumentException("invalid program path '" + program + "': it must be"
          + " non-empty and contain no double quote");
    }
    StringBuilder line = new StringBuilder();
    line.append('"').append(checkNoNul(program)).append('"');
    for (String argument : command.subList(1, command.size())) {
      line.append(' ');
      appendArgument(line, checkNoNul(argument));
    }
    return line.toString();
  }

  private static String checkNoNul(String part) {
    if (part.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid command part '" + part.replace('\0', '?')
          + "': it contains a NUL character, which ends a Windows string");
    }
    return part;
  }

  private static void appendArgument(StringBuilder line, String argument) {
    if (!argument.isEmpty() && !needsQuotes(argument)) {
      line.append(argument);
      return;
    }
    line.append('"');
    int backslashes = 0;
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == '\\') {
        backslashes++;
        continue;
      }
      if (c == '"') {
        // Each backslash before a quote must be doubled, and the quote itself escaped.
        line.append("\\".repeat(2 * backslashes + 1));
      } else {
        line.append("\\".repeat(backslashes));
      }
      backslashes = 0;
      line.append(c);
    }
    // Backslashes before the closing quote are doubled so that they stay literal.
    line.append("\\".repeat(2 * backslashes));
    line.append('"');
  }

  private static boolean needsQuotes(String argument) {
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '"') {
        return true;
      }
    }
    return false;
  }
}

package io.bridgehead.installer.wizard.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The arguments of one {@code bridgehead} command and the secret lines it reads from
 * standard input, in the order it reads them. Two command lines are equal when they would do
 * the same thing, secrets included, so the wizard uses them as the key of a passed check.
 *
 * @param arguments the words after {@code bridgehead}; never a secret
 * @param secrets the lines to write to standard input, one per {@code -} option
 */
public record CommandLine(List<String> arguments, List<Secret> secrets) {
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  public CommandLine {
    arguments = List.copyOf(arguments);
    secrets = List.copyOf(secrets);
  }

  /**
   * Returns the command as a person would type it in a POSIX shell, words quoted where needed.
   * Secrets do not appear: each is read from standard input.
   */
  public String display(String program) {
    List<String> words = new ArrayList<>();
    words.add(program);
    for (String argument : arguments) {
      words.add(quote(argument));
    }
    return String.join(" ", words);
  }

  /**
   * Returns one line per secret that names which standard input line carries it, with the
   * value masked, for example {@code standard input line 1: enrollment string (hidden)}.
   */
  public List<String> maskedInput() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      lines.add("standard input line " + (i + 1) + ": " + secrets.get(i).name() + " "
          + "\u2022".repeat(8) + " (hidden)");
    }
    return lines;
  }

  static String quote(String word) {
    if (!word.isEmpty() && PLAIN_WORD.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return "CommandLine[" + display("bridgehead") + ", " + secrets.size() + " secret lines]";
  }
}

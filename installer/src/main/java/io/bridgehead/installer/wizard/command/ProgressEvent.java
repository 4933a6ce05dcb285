package io.bridgehead.installer.wizard.command;

import java.util.Locale;

/**
 * One line of {@code bridgehead install --progress} output. The contract's lines are
 * {@code plan|step|undo <n> <total> <description>}, {@code done|undone <n> <total>},
 * {@code failed|undo-failed <n> <total> <reason>} and {@code result <outcome> <message>};
 * any other line is free text.
 *
 * @param kind what the line reports
 * @param step the step number from 1, or 0 for a result or free text
 * @param total the number of steps, or 0 for a result or free text
 * @param text the description, reason or message; for a result the outcome is in
 *     {@link #outcome()}; for free text the whole line
 * @param outcome for a result line: ok, failed, cancelled or incomplete; otherwise empty
 */
public record ProgressEvent(Kind kind, int step, int total, String text, String outcome) {

  /** The line types of the progress contract. */
  public enum Kind { PLAN, STEP, DONE, FAILED, UNDO, UNDONE, UNDO_FAILED, RESULT, TEXT }

  /** Parses one output line; a line that does not follow the contract becomes free text. */
  public static ProgressEvent parse(String line) {
    String[] words = line.split(" ", 4);
    Kind kind = kindOf(words[0]);
    if (kind == Kind.RESULT) {
      return words.length < 2 ? text(line)
          : new ProgressEvent(kind, 0, 0, line.length() > 8 + words[1].length()
              ? line.substring(8 + words[1].length()) : "", words[1]);
    }
    if (kind == Kind.TEXT || words.length < 3) {
      return text(line);
    }
    int step;
    int total;
    try {
      step = Integer.parseInt(words[1]);
      total = Integer.parseInt(words[2]);
    } catch (NumberFormatException e) {
      return text(line);
    }
    if (step < 1 || total < step) {
      return text(line);
    }
    return new ProgressEvent(kind, step, total, words.length > 3 ? words[3] : "", "");
  }

  private static ProgressEvent text(String line) {
    return new ProgressEvent(Kind.TEXT, 0, 0, line, "");
  }

  private static Kind kindOf(String word) {
    return switch (word) {
      case "plan", "step", "done", "failed", "undo", "undone", "result" ->
          Kind.valueOf(word.toUpperCase(Locale.ROOT));
      case "undo-failed" -> Kind.UNDO_FAILED;
      default -> Kind.TEXT;
    };
  }
}

package io.bridgehead.installer.unattended;

import io.bridgehead.installer.plan.PlanResult;
import io.bridgehead.installer.plan.Progress;
import java.io.PrintStream;

/**
 * Reports a plan on standard output and in the install log. With {@code --progress} the
 * output is the machine-readable lines the wizard reads ({@code plan}, {@code step},
 * {@code done}, {@code failed}, {@code undo}, {@code undone}, {@code undo-failed},
 * {@code result}); notes are free text. Without it, the output is text for people. The log
 * always gets the machine-readable lines.
 */
public final class ConsoleProgress implements Progress {
  private final PrintStream out;
  private final boolean machine;
  private final InstallLog log;
  private final String command;

  ConsoleProgress(PrintStream out, boolean machine, InstallLog log) {
    this(out, machine, log, "install");
  }

  /**
   * Creates the progress output of a command.
   *
   * @param command the command's name in the step count line: {@code install},
   *     {@code uninstall} or {@code repair}
   */
  public ConsoleProgress(PrintStream out, boolean machine, InstallLog log, String command) {
    this.out = out;
    this.machine = machine;
    this.log = log;
    this.command = command;
  }

  @Override
  public void planned(int number, int total, String description) {
    emit("plan " + number + " " + total + " " + oneLine(description),
        number == 1 ? "The " + command + " has " + total + " steps." : null);
  }

  @Override
  public void started(int number, int total, String description) {
    emit("step " + number + " " + total + " " + oneLine(description),
        "[" + number + "/" + total + "] " + description);
  }

  @Override
  public void done(int number, int total) {
    emit("done " + number + " " + total, null);
  }

  @Override
  public void failed(int number, int total, String reason) {
    emit("failed " + number + " " + total + " " + oneLine(reason),
        "[" + number + "/" + total + "] failed: " + reason);
  }

  @Override
  public void undoing(int number, int total, String description) {
    emit("undo " + number + " " + total + " " + oneLine(description),
        "[" + number + "/" + total + "] undo: " + description);
  }

  @Override
  public void undone(int number, int total) {
    emit("undone " + number + " " + total, null);
  }

  @Override
  public void undoFailed(int number, int total, String reason) {
    emit("undo-failed " + number + " " + total + " " + oneLine(reason),
        "[" + number + "/" + total + "] undo failed: " + reason);
  }

  @Override
  public void result(PlanResult result) {
    emit("result " + result.status().word() + " " + oneLine(result.message()),
        switch (result.status()) {
          case OK -> result.message();
          case CANCELLED -> "Cancelled: " + result.message();
          case FAILED -> "Failed: " + result.message();
          case INCOMPLETE -> "Failed, and not everything could be undone: "
              + result.message();
        });
  }

  @Override
  public void note(String text) {
    log.line(oneLine(text));
    out.println(text);
  }

  private void emit(String line, String text) {
    log.line(line);
    if (machine) {
      out.println(line);
    } else if (text != null) {
      out.println(text);
    }
  }

  /** Keeps a progress line on one line, whatever an exception message holds. */
  private static String oneLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}

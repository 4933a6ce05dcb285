package io.bridgehead.launcher;

import io.bridgehead.tenant.admin.JobView;
import java.io.PrintStream;
import java.time.Duration;

/** Prints a job for people: one summary line, the result, then the output streams. */
final class JobPrinter {
  private JobPrinter() {}

  static void print(PrintStream out, JobView job) {
    StringBuilder summary = new StringBuilder("Job " + job.id() + " " + job.state());
    if (job.agentId() != null) {
      summary.append(" on agent ").append(job.agentId());
    }
    summary.append(" (attempt ").append(job.attempt()).append(" of ").append(job.maxAttempts());
    if (job.startedAt() != null && job.finishedAt() != null) {
      Duration took = Duration.between(job.startedAt(), job.finishedAt());
      summary.append(", ").append(String.format("%.1f s", took.toMillis() / 1000.0));
    }
    summary.append(")");
    out.println(summary);
    if (job.message() != null) {
      out.println("Message: " + job.message());
    }
    if (job.exitCode() != null) {
      out.println("Exit code: " + job.exitCode());
    }
    if (job.result() != null) {
      out.println("Result: " + job.result());
    }
    printStream(out, "output", job.output());
    printStream(out, "error output", job.errorOutput());
    if (job.outputTruncated()) {
      out.println("(output was cut at the task's output cap)");
    }
  }

  private static void printStream(PrintStream out, String name, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    out.println("--- " + name + " ---");
    out.print(text);
    if (!text.endsWith("\n")) {
      out.println();
    }
  }
}

package io.bridgehead.agent.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a connection check, in the form {@code bridgehead check --json} prints.
 *
 * @param target the tenant URL that was checked
 * @param ok true when every step passed
 * @param steps the five steps in order: dns, proxy, tcp, tls, tenant
 */
public record CheckResult(String target, boolean ok, List<CheckStep> steps) {
  public CheckResult {
    steps = List.copyOf(steps);
  }

  /** Returns the first step that failed and was not skipped, or null when all passed. */
  public CheckStep firstFailure() {
    return steps.stream().filter(step -> !step.ok()).findFirst().orElse(null);
  }

  /**
   * Returns the result as readable lines: a heading, one line per step with its name, "ok" or
   * "FAILED" and its detail, and a closing verdict.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(heading(target));
    for (CheckStep step : steps) {
      lines.add(step.line());
    }
    lines.add(verdict());
    return lines;
  }

  /** Returns the first line of {@link #lines()} for a check of {@code target}. */
  public static String heading(String target) {
    return "Connection check for " + target;
  }

  /** Returns the last line of {@link #lines()}: that all passed, or the failed step. */
  public String verdict() {
    return ok ? "The tenant is reachable and trusted."
        : "The check failed at step " + firstFailure().name() + ".";
  }
}

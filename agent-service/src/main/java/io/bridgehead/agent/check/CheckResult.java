package io.bridgehead.agent.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    lines.add("Connection check for " + target);
    for (CheckStep step : steps) {
      String verdict = step.ok() ? "ok" : step.skipped() ? "skipped" : "FAILED";
      lines.add(String.format(Locale.ROOT, "  %-7s %-8s %s", step.name(), verdict,
          step.skipped() ? step.detail().substring("skipped:".length()).trim()
              : step.detail()));
    }
    lines.add(ok ? "The tenant is reachable and trusted."
        : "The check failed at step " + firstFailure().name() + ".");
    return lines;
  }
}

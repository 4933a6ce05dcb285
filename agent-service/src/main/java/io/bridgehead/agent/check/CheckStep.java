package io.bridgehead.agent.check;

import java.util.Locale;

/**
 * One step of a connection check.
 *
 * @param name the step: {@code dns}, {@code proxy}, {@code tcp}, {@code tls} or {@code tenant}
 * @param ok whether the step passed; a skipped step did not
 * @param detail what was found, or what failed and what to do; {@code skipped: ...} for a step
 *     after a failed one. It never contains the proxy password.
 */
public record CheckStep(String name, boolean ok, String detail) {
  public static final String DNS = "dns";
  public static final String PROXY = "proxy";
  public static final String TCP = "tcp";
  public static final String TLS = "tls";
  public static final String TENANT = "tenant";

  static CheckStep passed(String name, String detail) {
    return new CheckStep(name, true, detail);
  }

  static CheckStep failed(String name, String detail) {
    return new CheckStep(name, false, detail);
  }

  /** Returns true when the step did not run because an earlier one failed. */
  public boolean skipped() {
    return !ok && detail.startsWith("skipped:");
  }

  /**
   * Returns the step as one readable line: its name, {@code ok}, {@code FAILED} or
   * {@code skipped}, and its detail.
   */
  public String line() {
    String verdict = ok ? "ok" : skipped() ? "skipped" : "FAILED";
    String text = skipped() ? detail.substring("skipped:".length()).trim() : detail;
    return String.format(Locale.ROOT, "  %-7s %-8s %s", name, verdict, text);
  }
}

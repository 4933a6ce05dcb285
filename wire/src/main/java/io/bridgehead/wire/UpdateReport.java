package io.bridgehead.wire;

/**
 * Body of {@code POST /agent/v1/update-report}: how an update to {@code version} ended.
 *
 * @param version the version the agent tried to run
 * @param outcome {@code ok} when the new version runs and is healthy, {@code failed} when the
 *     agent rejected the package or switched back to its previous version
 * @param reason a sentence that states what failed, or null for {@code ok}
 * @param logTail the last lines of the updater's log, or null; the tenant keeps at most
 *     {@link AgentApi#MAX_UPDATE_LOG_CHARS} characters, from the end
 */
public record UpdateReport(String version, String outcome, String reason, String logTail) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
}

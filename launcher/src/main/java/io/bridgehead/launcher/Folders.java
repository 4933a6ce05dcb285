package io.bridgehead.launcher;

import java.nio.file.Path;

/** Default data folders for development use; each command takes {@code --data} to override. */
final class Folders {
  private Folders() {}

  /** {@code $BRIDGEHEAD_TENANT_DATA}, else {@code ~/.bridgehead/tenant}. */
  static Path tenantData(String option) {
    return pick(option, "BRIDGEHEAD_TENANT_DATA", "tenant");
  }

  /** {@code $BRIDGEHEAD_AGENT_DATA}, else {@code ~/.bridgehead/agent}. */
  static Path agentData(String option) {
    return pick(option, "BRIDGEHEAD_AGENT_DATA", "agent");
  }

  private static Path pick(String option, String variable, String leaf) {
    if (option != null) {
      return Path.of(option).toAbsolutePath();
    }
    String fromEnvironment = System.getenv(variable);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".bridgehead", leaf);
  }
}

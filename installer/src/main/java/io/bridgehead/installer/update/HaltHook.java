package io.bridgehead.installer.update;

import java.util.Map;

/**
 * A test hook that simulates a {@code kill -9} of the updater at a chosen point. With
 * {@code BRIDGEHEAD_UPDATER_HALT_AFTER=<step>} in the environment, the updater calls
 * {@link Runtime#halt} with status 137 (128 + SIGKILL, what a shell reports for a killed
 * process) right after it wrote that step to its journal. halt runs no shutdown hook and no
 * finally block and so leaves the journal, the version folders, {@code current} and the
 * services exactly as a kill at that point does. The lock is released because the process
 * ends, as after a kill.
 */
final class HaltHook {
  /** The environment variable that names the step. */
  static final String VARIABLE = "BRIDGEHEAD_UPDATER_HALT_AFTER";
  private static final int KILLED_STATUS = 137;

  private final UpdateStep haltAfter;

  private HaltHook(UpdateStep haltAfter) {
    this.haltAfter = haltAfter;
  }

  /**
   * Reads the hook from {@code environment}.
   *
   * @throws IllegalArgumentException when the variable names no step
   */
  static HaltHook from(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    return new HaltHook(value == null || value.isBlank() ? null : UpdateStep.parse(value));
  }

  /** Ends the process at once when {@code step} is the one named in the environment. */
  void after(UpdateStep step, UpdaterLog log) {
    if (step == haltAfter) {
      log.line("Halting after step " + step.wireName() + " (" + VARIABLE + ")");
      Runtime.getRuntime().halt(KILLED_STATUS);
    }
  }
}

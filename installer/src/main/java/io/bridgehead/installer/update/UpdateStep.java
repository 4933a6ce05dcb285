package io.bridgehead.installer.update;

/**
 * The steps the updater writes to its journal, each right after it finished. Their names are
 * the values of {@code BRIDGEHEAD_UPDATER_HALT_AFTER} (see {@link HaltHook}).
 */
public enum UpdateStep {
  /** The journal was started; nothing changed yet. */
  BEGUN("begun"),
  /** The package was verified and {@code versions/V} is complete. */
  UNPACKED("unpacked"),
  /** The services of the old version are stopped. */
  STOPPED("stopped"),
  /** {@code current} points at the new version. */
  SWITCHED("switched"),
  /** The services of the new version were started. */
  STARTED("started"),
  /** Every service of the new version is healthy. */
  HEALTHY("healthy"),
  /** The install record names the new version; only clean-up is left. */
  DONE("done"),
  /** The new version failed; the rollback to the old version has begun. */
  ROLLING_BACK("rolling-back"),
  /** {@code current} points at the old version again, and its services are stopped. */
  ROLLBACK_SWITCHED("rollback-switched"),
  /** The services of the old version were started again. */
  ROLLBACK_STARTED("rollback-started");

  private final String wireName;

  UpdateStep(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the step's name in the journal and in the halt hook. */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the step named {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static UpdateStep parse(String name) {
    for (UpdateStep step : values()) {
      if (step.wireName.equals(name)) {
        return step;
      }
    }
    StringBuilder known = new StringBuilder();
    for (UpdateStep step : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(step.wireName);
    }
    throw new IllegalArgumentException("unknown updater step '" + name + "'; use one of "
        + known);
  }
}

package io.bridgehead.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a job ended. */
public enum Outcome {
  SUCCEEDED,
  /** The script exited non-zero, could not start, or the agent could not run it. */
  FAILED,
  /** The script passed its time limit and its process tree was killed. */
  TIMED_OUT,
  /** The job was cancelled by an operator or because the agent stopped. */
  CANCELLED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an outcome by its wire name.
   *
   * @throws IllegalArgumentException naming the value
   */
  @JsonCreator
  public static Outcome parse(String value) {
    for (Outcome outcome : values()) {
      if (outcome.wireName().equalsIgnoreCase(value)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("unknown outcome '" + value
        + "': use succeeded, failed, timed_out or cancelled");
  }
}

package io.bridgehead.tenant.store;

import io.bridgehead.wire.Outcome;
import java.util.Locale;

/** The stage of a job's life. */
public enum JobState {
  /** Waiting for an agent. */
  QUEUED,
  /** Offered to one agent under a lease that the agent has not accepted yet. */
  OFFERED,
  /** Accepted by an agent, which renews the lease while the job runs. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELLED;

  public boolean isFinished() {
    return ordinal() >= SUCCEEDED.ordinal();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobState parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  public static JobState of(Outcome outcome) {
    return valueOf(outcome.name());
  }
}

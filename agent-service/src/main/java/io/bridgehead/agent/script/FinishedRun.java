package io.bridgehead.agent.script;

import java.time.Duration;

/** The handle of a run that ended before its script started. */
final class FinishedRun implements RunningScript {
  private final ScriptOutcome outcome;

  FinishedRun(ScriptOutcome outcome) {
    this.outcome = outcome;
  }

  @Override
  public ScriptOutcome await() {
    return outcome;
  }

  @Override
  public ScriptOutcome await(Duration timeout) {
    return outcome;
  }

  @Override
  public void cancel() {
    // Nothing runs, so there is nothing to cancel.
  }

  @Override
  public long pid() {
    return -1;
  }
}

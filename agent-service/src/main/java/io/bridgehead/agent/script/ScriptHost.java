package io.bridgehead.agent.script;

/** Starts task scripts. Implementations are thread-safe and can run several scripts at once. */
public interface ScriptHost {
  /**
   * Starts the script and returns at once.
   *
   * <p>This method does not throw when the script cannot start, for example because its
   * interpreter is missing or a variable name is reserved. It returns a handle whose
   * {@link RunningScript#await()} gives a {@code FAILED} outcome that names the reason.
   *
   * @param listener receives each output line while the script runs; use
   *     {@link OutputListener#NONE} to ignore them
   */
  RunningScript start(ScriptRequest request, OutputListener listener);
}

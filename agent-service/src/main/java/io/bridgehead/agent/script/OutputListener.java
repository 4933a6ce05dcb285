package io.bridgehead.agent.script;

/**
 * Receives the script's output line by line while it runs, for live log shipping.
 *
 * <p>Each stream calls from its own reader thread, so calls for {@link OutputStreamKind#OUTPUT}
 * and {@link OutputStreamKind#ERROR} can overlap. Lines arrive with secrets already masked and
 * without their line break. Only lines that lie wholly within the output cap are delivered. An
 * exception thrown by the listener is logged and does not stop the run. The reader waits for
 * each call, so a slow listener slows the script once the pipe buffer is full.
 */
@FunctionalInterface
public interface OutputListener {
  /** A listener that ignores every line. */
  OutputListener NONE = (stream, line) -> { };

  /**
   * Invoked for each complete line as the script writes it, and for a last line without a
   * line break when the stream ends.
   */
  void onLine(OutputStreamKind stream, String line);
}

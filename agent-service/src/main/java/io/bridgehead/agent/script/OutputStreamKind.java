package io.bridgehead.agent.script;

/** The script's output stream that a line came from. */
public enum OutputStreamKind {
  /** Standard output. */
  OUTPUT,
  /** Standard error. */
  ERROR
}

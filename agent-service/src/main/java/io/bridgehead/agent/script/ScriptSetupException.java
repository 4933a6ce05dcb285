package io.bridgehead.agent.script;

/** Stops a run before its script starts; the message is written for an operator. */
final class ScriptSetupException extends Exception {
  ScriptSetupException(String message) {
    super(message);
  }

  ScriptSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}

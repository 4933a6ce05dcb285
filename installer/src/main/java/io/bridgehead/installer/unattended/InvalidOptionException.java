package io.bridgehead.installer.unattended;

/** A command-line option is missing, unknown or has a bad value; exit code 2. */
public final class InvalidOptionException extends Exception {
  public InvalidOptionException(String message) {
    super(message);
  }
}

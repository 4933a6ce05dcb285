package io.bridgehead.agent.update;

/**
 * A downloaded release package failed a check: its size, its SHA-256, its signature or its
 * files. The file is deleted when this is thrown, and the reason goes to the tenant, which then
 * stops offering the version to this agent.
 */
public final class PackageRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public PackageRejectedException(String message) {
    super(message);
  }

  public PackageRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}

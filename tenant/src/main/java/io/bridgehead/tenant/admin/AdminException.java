package io.bridgehead.tenant.admin;

import java.io.IOException;

/** The tenant returned an error for an admin call, or could not be reached. */
public final class AdminException extends IOException {
  private final int status;

  public AdminException(int status, String message) {
    super(message);
    this.status = status;
  }

  public AdminException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** Returns the HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }
}

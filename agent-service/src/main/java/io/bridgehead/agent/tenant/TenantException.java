package io.bridgehead.agent.tenant;

import java.io.IOException;

/**
 * The tenant returned an error status for a call. A call that got no response at all throws a
 * plain {@link IOException} instead, which the caller retries.
 */
public final class TenantException extends IOException {
  private final int status;
  private final String code;

  public TenantException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the error code of the tenant's error body, or an empty string. */
  public String code() {
    return code;
  }

  /** Returns true for responses that a retry cannot change: 4xx other than 408 and 429. */
  public boolean isPermanent() {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }
}

package io.bridgehead.tenant.store;

/** A database operation failed; the message names the operation and the cause. */
public final class StoreException extends RuntimeException {
  public StoreException(String operation, Exception cause) {
    super(operation + " failed: " + cause.getMessage(), cause);
  }
}

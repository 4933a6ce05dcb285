package io.bridgehead.wire.release;

/** A release package that was rejected, with the reason the agent reports to the tenant. */
public final class PackageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The reason a package was rejected. */
  public enum Reason {
    /** The archive or its unpacked files exceed the limit. */
    TOO_LARGE,
    /** The archive cannot be read as a zip file, or an entry is cut short. */
    CORRUPT,
    /** The archive has no signature. */
    UNSIGNED,
    /** The signature does not match the trusted release key. */
    BAD_SIGNATURE,
    /** The manifest cannot be read or breaks a rule. */
    BAD_MANIFEST,
    /** A file differs from the manifest, is missing, or is not listed in it. */
    FILE_MISMATCH
  }

  private final Reason reason;

  public PackageException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public PackageException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

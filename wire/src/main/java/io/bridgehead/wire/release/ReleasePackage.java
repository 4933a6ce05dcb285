package io.bridgehead.wire.release;

/** Names inside a release package's zip archive. */
public final class ReleasePackage {
  /** The manifest, first in the archive: UTF-8 JSON. */
  public static final String MANIFEST = "manifest.json";
  /** The Ed25519 signature of the manifest's exact bytes, in base64. */
  public static final String SIGNATURE = "manifest.sig";
  /** The folder inside the archive that contains the version's files. */
  public static final String FILES = "files/";
  /** The largest manifest or signature read, in bytes. */
  static final int MAX_META_BYTES = 1 << 20;

  private ReleasePackage() {}
}

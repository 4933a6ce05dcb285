package io.bridgehead.wire.release;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a release.
 *
 * @param path the file's path inside the version folder, with forward slashes
 * @param size the file's length in bytes
 * @param sha256 the file's SHA-256, 64 lowercase hexadecimal digits
 * @param executable whether the file gets execute permission where the platform has it
 */
public record ManifestEntry(String path, long size, String sha256, boolean executable) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+-]{1,128}");

  /**
   * Checks the entry.
   *
   * @throws IllegalArgumentException naming the path or value that is not allowed
   */
  public ManifestEntry {
    checkPath(path);
    if (size < 0) {
      throw new IllegalArgumentException("file " + path + " has a negative size " + size);
    }
    if (sha256 == null || !HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("file " + path + " has no valid SHA-256 (64"
          + " lowercase hexadecimal digits): " + sha256);
    }
  }

  /**
   * Accepts only relative paths of plain names, so that no entry can reach outside the
   * folder it is unpacked into: no "..", no ".", no empty segment, no drive letter, no
   * backslash and no Windows device name.
   */
  static void checkPath(String path) {
    if (path == null || path.isEmpty() || path.length() > 512) {
      throw new IllegalArgumentException("a file path must be 1 to 512 characters: " + path);
    }
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
          || isWindowsDeviceName(segment)) {
        throw new IllegalArgumentException("file path '" + path + "' is not allowed: each"
            + " part between slashes must be 1 to 128 letters, digits or . _ + -, and"
            + " neither '.', '..' nor a Windows device name");
      }
    }
  }

  private static boolean isWindowsDeviceName(String segment) {
    String stem = segment.contains(".") ? segment.substring(0, segment.indexOf('.'))
        : segment;
    return stem.toUpperCase(Locale.ROOT).matches("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]");
  }
}

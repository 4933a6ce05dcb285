package io.bridgehead.wire.release;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contents of a release package. The signature covers the manifest's exact bytes, and the
 * manifest covers every file by its hash, so one signature check covers the whole package.
 *
 * @param format the package format, {@value #FORMAT}
 * @param version the agent version, such as {@code 1.4.0} or {@code 1.5.0-rc.1}
 * @param created when the package was built
 * @param files every file of the version, each path once
 */
public record ReleaseManifest(int format, String version, Instant created,
    List<ManifestEntry> files) {

  public static final int FORMAT = 1;
  private static final Pattern VERSION =
      Pattern.compile("[0-9]{1,6}\\.[0-9]{1,6}\\.[0-9]{1,6}(-[0-9A-Za-z.]{1,32})?");

  /**
   * Checks the manifest.
   *
   * @throws IllegalArgumentException naming the value that is wrong
   */
  public ReleaseManifest {
    if (format != FORMAT) {
      throw new IllegalArgumentException("package format " + format + " is not supported;"
          + " this agent reads format " + FORMAT + ". Update the agent by another way first");
    }
    checkVersion(version);
    if (created == null) {
      throw new IllegalArgumentException("the manifest has no creation time");
    }
    if (files == null || files.isEmpty()) {
      throw new IllegalArgumentException("the manifest lists no files");
    }
    files = List.copyOf(files);
    Set<String> seen = new HashSet<>();
    for (ManifestEntry file : files) {
      if (!seen.add(file.path().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("file " + file.path() + " is listed twice (paths"
            + " that differ only in case count as the same file)");
      }
    }
  }

  /**
   * Checks a version string.
   *
   * @throws IllegalArgumentException naming the value and the accepted form
   */
  public static String checkVersion(String version) {
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("version '" + version + "' is not valid: use"
          + " MAJOR.MINOR.PATCH with an optional suffix, such as 1.4.0 or 1.5.0-rc.1");
    }
    return version;
  }

  /** Returns the sum of the files' sizes. */
  public long totalSize() {
    long total = 0;
    for (ManifestEntry file : files) {
      total = Math.addExact(total, file.size());
    }
    return total;
  }
}

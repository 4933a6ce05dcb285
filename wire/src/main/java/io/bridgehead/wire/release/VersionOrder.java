package io.bridgehead.wire.release;

import java.util.Comparator;

/**
 * Orders versions of the form MAJOR.MINOR.PATCH with an optional suffix, as release manifests
 * allow them. A version with a suffix, such as {@code 1.5.0-rc.1}, comes before the same
 * version without one; two suffixes compare as text.
 */
public final class VersionOrder implements Comparator<String> {
  /** The newest version first. */
  public static final Comparator<String> NEWEST_FIRST = new VersionOrder().reversed();

  @Override
  public int compare(String left, String right) {
    String[] leftParts = split(left);
    String[] rightParts = split(right);
    String[] leftNumbers = leftParts[0].split("\\.");
    String[] rightNumbers = rightParts[0].split("\\.");
    for (int i = 0; i < 3; i++) {
      int order = Long.compare(Long.parseLong(leftNumbers[i]), Long.parseLong(rightNumbers[i]));
      if (order != 0) {
        return order;
      }
    }
    if (leftParts[1] == null && rightParts[1] == null) {
      return 0;
    }
    if (leftParts[1] == null) {
      return 1;
    }
    if (rightParts[1] == null) {
      return -1;
    }
    return leftParts[1].compareTo(rightParts[1]);
  }

  private static String[] split(String version) {
    int dash = version.indexOf('-');
    return dash < 0 ? new String[] {version, null}
        : new String[] {version.substring(0, dash), version.substring(dash + 1)};
  }
}

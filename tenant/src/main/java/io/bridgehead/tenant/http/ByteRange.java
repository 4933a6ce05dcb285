package io.bridgehead.tenant.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a {@code Range} request header, resolved against the size of the
 * resource.
 *
 * @param first the first byte, from 0
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

  /** A {@code Range} header that cannot be served; the message states why. */
  static final class UnsatisfiableException extends Exception {
    UnsatisfiableException(String message) {
      super(message);
    }
  }

  long length() {
    return last - first + 1;
  }

  /** Returns the {@code Content-Range} value of a 206 response. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Parses {@code bytes=FIRST-LAST}, {@code bytes=FIRST-} or {@code bytes=-SUFFIX_LENGTH}. A
   * last byte past the end means the end, and a suffix longer than the resource means all of
   * it.
   *
   * @throws UnsatisfiableException for several ranges, a malformed header, or a range that
   *     starts at or after the end
   */
  static ByteRange parse(String header, long size) throws UnsatisfiableException {
    String text = header.trim().replace(" ", "");
    if (text.contains(",")) {
      throw new UnsatisfiableException("only a single byte range is supported, not '"
          + header + "'");
    }
    Matcher matcher = SINGLE.matcher(text);
    if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
      throw new UnsatisfiableException("invalid Range header '" + header + "': use"
          + " bytes=FIRST-LAST, bytes=FIRST- or bytes=-LENGTH");
    }
    long first;
    long last;
    try {
      if (matcher.group(1).isEmpty()) {
        long suffix = Long.parseLong(matcher.group(2));
        if (suffix == 0) {
          throw new UnsatisfiableException("the range '" + header + "' asks for no bytes");
        }
        first = Math.max(0, size - suffix);
        last = size - 1;
      } else {
        first = Long.parseLong(matcher.group(1));
        last = matcher.group(2).isEmpty() ? size - 1
            : Math.min(Long.parseLong(matcher.group(2)), size - 1);
      }
    } catch (NumberFormatException e) {
      throw new UnsatisfiableException("invalid Range header '" + header + "': a number is"
          + " too large");
    }
    if (first >= size) {
      throw new UnsatisfiableException("the range '" + header + "' starts at or after the"
          + " end of the " + size + "-byte package");
    }
    if (last < first) {
      throw new UnsatisfiableException("the range '" + header + "' ends before it starts");
    }
    return new ByteRange(first, last);
  }
}

package io.bridgehead.ipc.windows;

import io.bridgehead.ipc.EndpointName;
import java.util.Locale;

/**
 * Named pipe names. Services listen under {@link #PROTECTED_PREFIX}, a namespace in which only
 * Administrators and LocalSystem can create names, so that no other user can start a fake
 * service under a Bridgehead name. Development builds that do not run elevated may use another
 * prefix.
 */
public final class PipeNames {
  /** The prefix every pipe name must start with; Windows matches it without regard to case. */
  public static final String LOCAL_PIPE = "\\\\.\\pipe\\";
  /**
   * The prefix services listen under:
   * {@code \\.\pipe\ProtectedPrefix\Administrators\Bridgehead\}.
   */
  public static final String PROTECTED_PREFIX =
      LOCAL_PIPE + "ProtectedPrefix\\Administrators\\Bridgehead\\";
  /** The maximum length of a pipe name, in characters. */
  public static final int MAX_LENGTH = 256;

  private PipeNames() {
  }

  /** Returns the pipe name of an endpoint under a prefix that ends with a backslash. */
  public static String forEndpoint(String prefix, EndpointName name) {
    return validate(prefix + name.role());
  }

  /**
   * Returns the name when it is a valid local pipe name.
   *
   * @throws IllegalArgumentException naming the rule the name breaks
   */
  public static String validate(String pipeName) {
    if (!pipeName.toLowerCase(Locale.ROOT).startsWith(LOCAL_PIPE)) {
      throw new IllegalArgumentException("invalid pipe name '" + pipeName + "': it must start"
          + " with \\\\.\\pipe\\, since services accept local clients only");
    }
    if (pipeName.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("invalid pipe name '" + pipeName + "': it has "
          + pipeName.length() + " characters, and Windows allows at most " + MAX_LENGTH);
    }
    String rest = pipeName.substring(LOCAL_PIPE.length());
    if (rest.isEmpty() || rest.startsWith("\\") || rest.endsWith("\\")
        || rest.contains("\\\\")) {
      throw new IllegalArgumentException("invalid pipe name '" + pipeName + "': the part after"
          + " \\\\.\\pipe\\ must be non-empty words separated by single backslashes");
    }
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '/' || c == ':') {
        throw new IllegalArgumentException("invalid pipe name '" + pipeName + "': character "
            + (int) c + " at position " + (LOCAL_PIPE.length() + i) + " is not allowed");
      }
    }
    return pipeName;
  }
}

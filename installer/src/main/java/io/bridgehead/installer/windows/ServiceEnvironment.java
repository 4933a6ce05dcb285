package io.bridgehead.installer.windows;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code Environment} value (REG_MULTI_SZ) of a service's registry key, from which the
 * Service Control Manager adds variables to the service's process. Windows services have no
 * other place for environment variables.
 */
public final class ServiceEnvironment {
  private ServiceEnvironment() {
  }

  /**
   * Returns the {@code NAME=value} strings, sorted by name so that the value is the same on
   * every run.
   *
   * @throws IllegalArgumentException when a name is empty or contains {@code =}, or a name or
   *     value contains a NUL character
   */
  public static String[] entries(Map<String, String> environment) {
    Map<String, String> sorted = new TreeMap<>(environment);
    String[] entries = new String[sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> variable : sorted.entrySet()) {
      String name = variable.getKey();
      String value = variable.getValue();
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("invalid environment variable name '" + name
            + "': it must be non-empty and contain neither '=' nor NUL");
      }
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("invalid value of environment variable " + name
            + ": it contains a NUL character");
      }
      entries[i++] = name + "=" + value;
    }
    return entries;
  }
}

package io.bridgehead.wire;

import java.util.Map;
import java.util.regex.Pattern;

/** Rules that task input variables follow on both sides of the wire. */
public final class TaskVariables {
  /**
   * Variable names: a letter or underscore, then letters, digits or underscores, so that each
   * name is also a valid environment variable and PowerShell variable name.
   */
  public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private TaskVariables() {}

  /**
   * Checks every name and value.
   *
   * @throws IllegalArgumentException naming the first invalid name and the rule
   */
  public static void validate(Map<String, String> variables) {
    for (Map.Entry<String, String> entry : variables.entrySet()) {
      String name = entry.getKey();
      if (name == null || !NAME_PATTERN.matcher(name).matches()) {
        throw new IllegalArgumentException("invalid variable name '" + name
            + "': use a letter or underscore followed by letters, digits or underscores");
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("variable '" + name + "' has no value");
      }
      if (entry.getValue().indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "variable '" + name + "' contains a NUL character, which scripts cannot receive");
      }
    }
  }
}

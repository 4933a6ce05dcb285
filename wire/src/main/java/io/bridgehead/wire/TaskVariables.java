package io.bridgehead.wire;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules that task input variables follow on both sides of the wire. */
public final class TaskVariables {
  /**
   * Variable names: a letter or underscore, then letters, digits or underscores, so that each
   * name is also a valid environment variable and PowerShell variable name.
   */
  public static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /**
   * Prefix, in any case, of the names the agent keeps for itself ({@code BRIDGEHEAD_INPUT},
   * {@code BRIDGEHEAD_RESULT}); no task variable may start with it.
   */
  public static final String RESERVED_PREFIX = "BRIDGEHEAD";

  /**
   * Environment variables, in upper case, that the agent sets for sh scripts, so sh tasks may
   * not use them in any case.
   */
  public static final Set<String> RESERVED_SH_NAMES = Set.of("PATH", "HOME");

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

  /**
   * Checks every name and value as {@link #validate(Map)} does, then the rules of the shell
   * that runs the task. No name may start with {@value #RESERVED_PREFIX} in any case. An sh
   * task may not set PATH or HOME in any case. A PowerShell task may not have two names that
   * differ only in case, because PowerShell variable names ignore case.
   *
   * @throws IllegalArgumentException naming the first invalid name and the rule
   */
  public static void validate(Map<String, String> variables, ScriptShell shell) {
    validate(variables);
    Map<String, String> byUpperCase = new HashMap<>();
    for (String name : variables.keySet()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.startsWith(RESERVED_PREFIX)
          || (shell == ScriptShell.SH && RESERVED_SH_NAMES.contains(upper))) {
        throw new IllegalArgumentException("variable '" + name + "' is reserved: a task"
            + " cannot set " + (shell == ScriptShell.SH ? "PATH, HOME or " : "")
            + "names that start with BRIDGEHEAD, in any case; rename the variable");
      }
      String other = byUpperCase.put(upper, name);
      if (shell == ScriptShell.POWERSHELL && other != null) {
        throw new IllegalArgumentException("variables '" + other + "' and '" + name
            + "' differ only in case, which PowerShell does not distinguish; rename one");
      }
    }
  }
}

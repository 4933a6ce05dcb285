package io.bridgehead.agent.script;

import io.bridgehead.wire.ScriptShell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to run one script: the script, its inputs and its limits.
 *
 * <p>The constructor checks only that every field is present and every limit positive. Rules
 * for variable names, such as the reserved names, are checked by {@link ScriptHost#start}, which
 * reports a violation as a {@code FAILED} outcome.
 *
 * @param shell the interpreter the script is written for
 * @param script the script text
 * @param variables input variables by name; the script reads them from {@code input.json}, and
 *     from environment variables (sh) or PowerShell variables of the same name
 * @param secretNames names of variables whose values are masked as {@code ***} in the output
 *     and the outcome message; names that are not in {@code variables} are ignored
 * @param timeLimit how long the script may run before its process tree is killed
 * @param outputCapBytes the maximum number of bytes kept of standard output, and the same
 *     again of standard error
 * @param workRoot the folder under which each run gets its own work folder; created when
 *     missing
 */
public record ScriptRequest(
    ScriptShell shell,
    String script,
    Map<String, String> variables,
    Set<String> secretNames,
    Duration timeLimit,
    long outputCapBytes,
    Path workRoot) {

  public ScriptRequest {
    Objects.requireNonNull(shell, "shell");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(secretNames, "secretNames");
    Objects.requireNonNull(timeLimit, "timeLimit");
    Objects.requireNonNull(workRoot, "workRoot");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException(
          "time limit must be positive, but is " + timeLimit + ": give the script some time");
    }
    if (outputCapBytes <= 0) {
      throw new IllegalArgumentException(
          "output cap must be at least 1 byte, but is " + outputCapBytes);
    }
    variables = Map.copyOf(variables);
    secretNames = Set.copyOf(secretNames);
  }
}

package io.bridgehead.wire;

import java.util.Map;
import java.util.Set;

/**
 * A task: a script and its inputs, run by Service Automation.
 *
 * @param shell the interpreter
 * @param script the script text, UTF-8
 * @param variables input variables by name; names match {@link TaskVariables#NAME_PATTERN}
 * @param secretVariables names of variables whose values are secrets: the agent masks them in
 *     everything it reports; null means none
 * @param timeLimitSeconds the run's time limit; the process tree is killed when it passes
 * @param outputCapBytes the most bytes of standard output and of standard error kept, each
 */
public record TaskSpec(
    ScriptShell shell,
    String script,
    Map<String, String> variables,
    Set<String> secretVariables,
    int timeLimitSeconds,
    long outputCapBytes) {}

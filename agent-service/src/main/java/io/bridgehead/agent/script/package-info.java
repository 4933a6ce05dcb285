/**
 * Runs one task's script as a child process of the service and turns what it did into a
 * {@link io.bridgehead.agent.script.ScriptOutcome}.
 *
 * <p>{@link io.bridgehead.agent.script.ProcessScriptHost} is the entry point. Each run gets a
 * private work folder that contains the script file, its input as {@code input.json}, and the
 * file the script may write its JSON result to. The folder is deleted when the run ends.
 * Interpreter discovery ({@link io.bridgehead.agent.script.InterpreterLocator}) and process
 * tree termination ({@link io.bridgehead.agent.script.ProcessTreeKiller}) sit behind
 * interfaces so that each platform, and each test, can supply its own.
 */
package io.bridgehead.agent.script;

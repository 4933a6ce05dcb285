/**
 * The {@code bridgehead} command line: one entry point, {@link io.bridgehead.launcher.Main},
 * that dispatches subcommands to the tenant, the agent and (later) the console and installer,
 * and runs the demo. It is the only module that depends on all the others, and only to start them.
 */
package io.bridgehead.launcher;

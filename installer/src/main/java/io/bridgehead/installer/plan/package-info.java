/**
 * A plan of steps, each with an undo, run in order and undone in reverse order when a step
 * fails or a cancel is requested; and the progress events it reports.
 */
package io.bridgehead.installer.plan;

/**
 * The updater: it switches an installation to the version a service requested, from a
 * verified release package, and switches back when the new version is not healthy in time.
 * It keeps a journal of its steps, so that a run that was killed is completed or undone by
 * the next one.
 */
package io.bridgehead.installer.update;

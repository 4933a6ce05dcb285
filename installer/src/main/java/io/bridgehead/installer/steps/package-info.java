/**
 * The steps of an install, each with its undo: prerequisites, service user, program files,
 * folders, enrollment, unit files, services, console autostart and the install record.
 */
package io.bridgehead.installer.steps;

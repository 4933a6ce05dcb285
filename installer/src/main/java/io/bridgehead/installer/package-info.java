/**
 * The installation wizard and its unattended command line: files, services, enrollment,
 * uninstall and repair. The unattended command line is in {@code unattended}, its steps in
 * {@code steps}; the wizard is not built yet.
 */
package io.bridgehead.installer;

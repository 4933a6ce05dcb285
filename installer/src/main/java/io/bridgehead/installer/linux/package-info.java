/**
 * Linux parts of an installation: systemd units and the manager that drives them, the
 * service user, file ownership and the console's autostart entry.
 */
package io.bridgehead.installer.linux;

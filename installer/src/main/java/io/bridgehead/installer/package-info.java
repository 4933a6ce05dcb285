/**
 * The installation wizard and its unattended command line: files, services, enrollment,
 * uninstall and repair.
 *
 * <p>Not built yet: this module holds only its package so far.
 */
package io.bridgehead.installer;

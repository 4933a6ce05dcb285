/**
 * The per-user tray console: shows the services' status and drives setup, pool selection and
 * repair, talking to the services only through {@code io.bridgehead.ipc}.
 *
 * <p>Not built yet: this module holds only its package so far.
 */
package io.bridgehead.console;

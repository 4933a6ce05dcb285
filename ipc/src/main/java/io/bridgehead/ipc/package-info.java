/**
 * Local IPC between the console, the installer and the command line on one side and the
 * services on the other: JSON-RPC 2.0 messages with a length prefix, over a Windows named pipe
 * or a Unix domain socket per service.
 *
 * <p>Not built yet: this module holds only its package so far.
 */
package io.bridgehead.ipc;

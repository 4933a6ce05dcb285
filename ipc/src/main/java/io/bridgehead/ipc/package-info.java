/**
 * Local IPC between the console, the installer and the command line on one side and the
 * services on the other. The messages are JSON-RPC 2.0, each framed by a 4-byte big-endian
 * length, over a Windows named pipe or a Unix domain socket per service.
 *
 * <p>A service runs an {@link io.bridgehead.ipc.IpcServer} with its methods; a client uses an
 * {@link io.bridgehead.ipc.IpcClient}, which reconnects by itself. Both take a transport from
 * {@link io.bridgehead.ipc.Transports}.
 */
package io.bridgehead.ipc;

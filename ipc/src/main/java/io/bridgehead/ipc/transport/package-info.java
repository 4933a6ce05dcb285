/**
 * The narrow interface between the JSON-RPC layer and the operating system's local IPC: a
 * {@link io.bridgehead.ipc.transport.Transport} binds and connects by endpoint name and moves
 * bytes, and a server connection carries the peer's identity.
 */
package io.bridgehead.ipc.transport;

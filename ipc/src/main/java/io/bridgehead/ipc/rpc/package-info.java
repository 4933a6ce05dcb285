/**
 * The wire protocol: length-prefixed frames, JSON-RPC 2.0 messages and the {@code ipc.hello}
 * handshake. Nothing here depends on transports or threads.
 */
package io.bridgehead.ipc.rpc;

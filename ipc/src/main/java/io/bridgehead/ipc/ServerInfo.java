package io.bridgehead.ipc;

/**
 * What a service reported about itself and about the caller in the {@code ipc.hello}
 * handshake.
 *
 * @param protocol the protocol version both sides speak
 * @param server the service's name and version, such as {@code bridgehead-automation/0.1.0}
 * @param serverPid the service's process id
 * @param peerUser the caller's account as the service identified it
 * @param peerAdministrator whether the service lets the caller call {@link Access#CHANGE}
 *     methods
 */
public record ServerInfo(
    int protocol, String server, long serverPid, String peerUser, boolean peerAdministrator) {
}

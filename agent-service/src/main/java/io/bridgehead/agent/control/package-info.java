/**
 * The service's local control endpoint: JSON-RPC methods over the {@code io.bridgehead.ipc}
 * library, for the console and the {@code bridgehead} command line. {@link
 * io.bridgehead.agent.control.ControlApi} lists the methods, their parameters, results and
 * error codes; {@link io.bridgehead.agent.control.ControlDirectory} decides where the socket
 * lives.
 */
package io.bridgehead.agent.control;

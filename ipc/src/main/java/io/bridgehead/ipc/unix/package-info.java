/** The Unix domain socket transport, for Linux and macOS. */
package io.bridgehead.ipc.unix;

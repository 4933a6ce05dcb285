/**
 * The Windows named pipe transport through jna-platform. The pure parts (pipe names, the
 * security descriptor, error messages) are tested everywhere; the JNA calls have never run.
 */
package io.bridgehead.ipc.windows;

/** The paths of an installation: program files, data, logs, sockets and unit files. */
package io.bridgehead.installer.layout;

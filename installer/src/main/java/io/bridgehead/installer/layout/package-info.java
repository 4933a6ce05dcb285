/** Where an installation puts its program files, data, logs, sockets and unit files. */
package io.bridgehead.installer.layout;

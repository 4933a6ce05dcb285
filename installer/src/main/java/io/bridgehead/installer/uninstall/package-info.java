/** Uninstall: removes what the install record lists, and nothing else. */
package io.bridgehead.installer.uninstall;

/** The install record, {@code install.json}: what an installation made, for uninstall. */
package io.bridgehead.installer.record;

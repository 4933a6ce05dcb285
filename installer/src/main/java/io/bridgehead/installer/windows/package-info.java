/**
 * The Windows side of the installer through jna-platform: the service through the Service
 * Control Manager, the logon right, the Event Log source, the console autostart entry and the
 * data folder's ACL.
 *
 * <p>NOTE: none of the JNA calls in this package has ever run, because it was written and
 * built on Linux only. The pure parts (command line quoting, account names, the failure
 * actions, the ACL in SDDL, the service environment, status mapping) are unit-tested on every
 * system. Classes that call Windows state that in their Javadoc. The Win32 behaviour that
 * comments here describe is from the Win32 documentation as remembered, not checked on
 * Windows.
 */
package io.bridgehead.installer.windows;

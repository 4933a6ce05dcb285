package io.bridgehead.installer.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.io.IOException;

/**
 * Adds and removes the {@link EventLogSource} registry key under
 * {@code HKEY_LOCAL_MACHINE}.
 *
 * <p>NOTE: never run; written on Linux.
 */
public final class EventLogRegistration {

  /** Creates the source's key and values, or overwrites the values when the key exists. */
  public void register() throws IOException {
    try {
      Advapi32Util.registryCreateKey(WinReg.HKEY_LOCAL_MACHINE, EventLogSource.KEY);
      Advapi32Util.registrySetExpandableStringValue(WinReg.HKEY_LOCAL_MACHINE,
          EventLogSource.KEY, "EventMessageFile", EventLogSource.MESSAGE_FILE);
      Advapi32Util.registrySetIntValue(WinReg.HKEY_LOCAL_MACHINE, EventLogSource.KEY,
          "TypesSupported", EventLogSource.TYPES_SUPPORTED);
    } catch (Win32Exception e) {
      throw new IOException("registering event source " + EventLogSource.SOURCE + " under"
          + " HKLM\\" + EventLogSource.KEY + " failed: " + e.getMessage(), e);
    }
  }

  /** Deletes the source's key; does nothing when it is absent. */
  public void unregister() throws IOException {
    try {
      if (Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, EventLogSource.KEY)) {
        Advapi32Util.registryDeleteKey(WinReg.HKEY_LOCAL_MACHINE, EventLogSource.KEY);
      }
    } catch (Win32Exception e) {
      throw new IOException("removing event source " + EventLogSource.SOURCE + " from"
          + " HKLM\\" + EventLogSource.KEY + " failed: " + e.getMessage(), e);
    }
  }
}

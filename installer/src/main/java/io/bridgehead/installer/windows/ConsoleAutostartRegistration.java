package io.bridgehead.installer.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import java.io.IOException;
import java.util.List;

/**
 * Adds and removes the {@link ConsoleAutostart} value under {@code HKEY_LOCAL_MACHINE}.
 *
 * <p>NOTE: never run; written on Linux.
 */
public final class ConsoleAutostartRegistration {

  /** Sets the value to the console's command line, replacing an earlier one. */
  public void enable(List<String> command) throws IOException {
    String data = ConsoleAutostart.valueData(command);
    try {
      Advapi32Util.registrySetStringValue(WinReg.HKEY_LOCAL_MACHINE, ConsoleAutostart.RUN_KEY,
          ConsoleAutostart.VALUE_NAME, data);
    } catch (Win32Exception e) {
      throw new IOException(failure("setting", e), e);
    }
  }

  /** Deletes the value; does nothing when it is absent. */
  public void disable() throws IOException {
    try {
      if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, ConsoleAutostart.RUN_KEY,
          ConsoleAutostart.VALUE_NAME)) {
        Advapi32Util.registryDeleteValue(WinReg.HKEY_LOCAL_MACHINE, ConsoleAutostart.RUN_KEY,
            ConsoleAutostart.VALUE_NAME);
      }
    } catch (Win32Exception e) {
      throw new IOException(failure("deleting", e), e);
    }
  }

  private static String failure(String action, Win32Exception e) {
    return action + " the value '" + ConsoleAutostart.VALUE_NAME + "' under HKLM\\"
        + ConsoleAutostart.RUN_KEY + " failed: " + e.getMessage();
  }
}

package io.bridgehead.installer.windows;

import java.util.List;

/**
 * The value under {@code HKLM\Software\Microsoft\Windows\CurrentVersion\Run} that starts the
 * console when any user signs in.
 */
public final class ConsoleAutostart {
  /** The key under {@code HKEY_LOCAL_MACHINE}. */
  public static final String RUN_KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";
  /** The value's name, which Task Manager's Startup page shows. */
  public static final String VALUE_NAME = "Bridgehead Console";

  private ConsoleAutostart() {
  }

  /**
   * Returns the value's data: the console's command line.
   *
   * @param command the program and its arguments
   * @throws IllegalArgumentException as {@link WindowsCommandLine#format} does
   */
  public static String valueData(List<String> command) {
    return WindowsCommandLine.format(command);
  }
}

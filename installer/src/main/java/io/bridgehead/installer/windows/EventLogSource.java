package io.bridgehead.installer.windows;

/**
 * The registry entries that register {@code Bridgehead} as an event source of the
 * Application log, so that the services may write events that Event Viewer shows under that
 * source name.
 */
public final class EventLogSource {
  /** The source name, as events and Event Viewer show it. */
  public static final String SOURCE = "Bridgehead";
  /** The source's key under {@code HKEY_LOCAL_MACHINE}. */
  public static final String KEY =
      "SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\" + SOURCE;
  /** {@code TypesSupported}: error (1), warning (2) and information (4) events. */
  public static final int TYPES_SUPPORTED = 0x1 | 0x2 | 0x4;
  /**
   * {@code EventMessageFile} (REG_EXPAND_SZ): the message file of the .NET Framework 4, which
   * .NET registers for its own event sources, because Bridgehead ships no message file.
   * NOTE: that this file exists on current Windows versions, and that its messages print the
   * event's text, is remembered, not checked here.
   */
  public static final String MESSAGE_FILE =
      "%SystemRoot%\\Microsoft.NET\\Framework64\\v4.0.30319\\EventLogMessages.dll";

  private EventLogSource() {
  }
}

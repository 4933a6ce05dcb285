package io.bridgehead.agent.host.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinNT;
import java.io.IOException;

/**
 * Writes the service's starts, stops and failures to the Windows Application event log under
 * an event source, through {@code RegisterEventSource} and {@code ReportEvent}. Each event
 * carries its text as the single insertion string.
 *
 * <p>NOTE: this class has never run; it is written against the Win32 documentation and
 * jna-platform 5.19.1 and compiled on Linux only. Unless the installer registers a message
 * file for the source, Event Viewer shows each event with a note that its description is
 * missing, followed by the text.
 */
public final class WindowsEventLog implements AutoCloseable {
  /** The event source every Bridgehead service writes under. */
  public static final String SOURCE = "Bridgehead";
  /** Event id of a start. */
  public static final int STARTED = 1;
  /** Event id of a normal stop, including a stop to be updated. */
  public static final int STOPPED = 2;
  /** Event id of a failure that stopped the service or its start. */
  public static final int FAILED = 3;

  private WinNT.HANDLE handle;

  private WindowsEventLog(WinNT.HANDLE handle) {
    this.handle = handle;
  }

  /**
   * Opens the event log for writing under {@code source} on this computer.
   *
   * @throws IOException with the Windows error code when the source cannot be opened
   */
  public static WindowsEventLog open(String source) throws IOException {
    WinNT.HANDLE handle = Advapi32.INSTANCE.RegisterEventSource(null, source);
    if (handle == null) {
      throw new IOException("could not open the event log source " + source
          + ": Windows error " + Native.getLastError());
    }
    return new WindowsEventLog(handle);
  }

  public void information(int eventId, String text) {
    write(WinNT.EVENTLOG_INFORMATION_TYPE, eventId, text);
  }

  public void warning(int eventId, String text) {
    write(WinNT.EVENTLOG_WARNING_TYPE, eventId, text);
  }

  public void error(int eventId, String text) {
    write(WinNT.EVENTLOG_ERROR_TYPE, eventId, text);
  }

  /**
   * Writes one event.
   *
   * @throws IllegalStateException when the log was closed
   * @throws EventLogException with the Windows error code when {@code ReportEvent} fails
   */
  private synchronized void write(int type, int eventId, String text) {
    if (handle == null) {
      throw new IllegalStateException("the event log source is closed");
    }
    if (!Advapi32.INSTANCE.ReportEvent(handle, type, 0, eventId, null, 1, 0,
        new String[] {text}, null)) {
      throw new EventLogException("could not write event " + eventId
          + " to the event log: Windows error " + Native.getLastError());
    }
  }

  @Override
  public synchronized void close() {
    if (handle != null) {
      Advapi32.INSTANCE.DeregisterEventSource(handle);
      handle = null;
    }
  }

  /** A failed {@code ReportEvent} call. */
  public static final class EventLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EventLogException(String message) {
      super(message);
    }
  }
}

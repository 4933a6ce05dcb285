package io.bridgehead.ipc.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import io.bridgehead.ipc.EndpointName;
import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.transport.Connection;
import io.bridgehead.ipc.transport.EndpointInUseException;
import io.bridgehead.ipc.transport.ServerEndpoint;
import io.bridgehead.ipc.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;

/**
 * Windows named pipes, one pipe per service, {@code <prefix><role>}: by default
 * {@code \\.\pipe\ProtectedPrefix\Administrators\Bridgehead\<role>}. The pipe rejects remote
 * clients, and its security descriptor ({@link PipeSecurity}) lets only LocalSystem,
 * Administrators and the allowed group open it. Every client that gets in may read; members of
 * Administrators are administrators.
 *
 * <p>NOTE: this class has never run; it compiles against jna-platform, but only its pure parts
 * ({@link PipeNames}, {@link PipeSecurity}, {@link PipeErrors}) have tests, because the build
 * machines run Linux.
 */
public final class WindowsPipeTransport implements Transport {
  private final String prefix;
  private final String sddl;

  /**
   * Makes a transport.
   *
   * @param prefix the pipe name prefix, ending with a backslash; normally
   *     {@link PipeNames#PROTECTED_PREFIX}
   * @param allowedGroup the SID or SDDL alias of the group whose members may read, see
   *     {@link PipeSecurity#sddl}
   */
  public WindowsPipeTransport(String prefix, String allowedGroup) {
    PipeNames.validate(prefix + "x");
    this.prefix = prefix;
    this.sddl = PipeSecurity.sddl(allowedGroup);
  }

  /** Returns the transport services use: the protected prefix, readable by local users. */
  public static WindowsPipeTransport standard() {
    return new WindowsPipeTransport(PipeNames.PROTECTED_PREFIX,
        PipeSecurity.DEFAULT_ALLOWED_GROUP);
  }

  @Override
  public String describe(EndpointName name) {
    return PipeNames.forEndpoint(prefix, name);
  }

  @Override
  public ServerEndpoint bind(EndpointName name) throws IOException {
    String pipeName = PipeNames.forEndpoint(prefix, name);
    int[] error = new int[1];
    WinNT.HANDLE first = PipeServerEndpoint.createInstance(pipeName, sddl, true, error);
    if (first != null) {
      return new PipeServerEndpoint(pipeName, sddl, first);
    }
    if (error[0] == PipeErrors.ERROR_ACCESS_DENIED || error[0] == PipeErrors.ERROR_PIPE_BUSY) {
      try {
        connect(name).close();
        throw new EndpointInUseException(pipeName, "another server listens at " + pipeName);
      } catch (ConnectException e) {
        // No server accepted the connection, so the failure has another cause, described below.
      }
    }
    throw new IOException(PipeErrors.describeCreateFailure(error[0], pipeName,
        Kernel32Util.formatMessageFromLastErrorCode(error[0])));
  }

  @Override
  public Connection connect(EndpointName name) throws IOException {
    String pipeName = PipeNames.forEndpoint(prefix, name);
    WinNT.HANDLE pipe = Kernel32.INSTANCE.CreateFile(pipeName,
        WinNT.GENERIC_READ | WinNT.FILE_WRITE_DATA, 0, null, WinNT.OPEN_EXISTING,
        WinNT.FILE_FLAG_OVERLAPPED | PipeApi.SECURITY_IDENTIFICATION_ONLY, null);
    if (pipe == null || WinBase.INVALID_HANDLE_VALUE.equals(pipe)) {
      int error = Native.getLastError();
      String message = PipeErrors.describeConnectFailure(error, pipeName,
          Kernel32Util.formatMessageFromLastErrorCode(error));
      if (error == PipeErrors.ERROR_FILE_NOT_FOUND) {
        throw new ConnectException(message);
      }
      throw new IOException(message);
    }
    PeerIdentity server = new PeerIdentity("service", "", PeerIdentity.UNKNOWN_PID, false,
        true);
    return new PipeConnection(pipe, false, server);
  }
}

package io.bridgehead.ipc.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.bridgehead.ipc.transport.ServerConnection;
import io.bridgehead.ipc.transport.ServerEndpoint;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening named pipe. Each {@link #accept()} creates a pipe instance and waits for a client
 * on it. When an instance cannot be created, it logs why in words an administrator can act on
 * and tries again with back-off until it succeeds or the endpoint is closed.
 *
 * <p>NOTE: this class has never run; no test exercises it, because the build machines run Linux.
 */
final class PipeServerEndpoint implements ServerEndpoint {
  private static final Logger log = LoggerFactory.getLogger(PipeServerEndpoint.class);
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final long RETRY_CAP_MILLIS = 30_000;

  private final String pipeName;
  private final String sddl;
  /** The instance waiting for a client, so that close() can cancel the wait; may be null. */
  private volatile WinNT.HANDLE waiting;
  /** The first instance, created by bind; accept() serves it before making others. */
  private WinNT.HANDLE first;
  private volatile boolean closed;

  PipeServerEndpoint(String pipeName, String sddl, WinNT.HANDLE first) {
    this.pipeName = pipeName;
    this.sddl = sddl;
    this.first = first;
  }

  /**
   * Creates one pipe instance.
   *
   * @return the instance, or null with the Win32 error in {@code error[0]}
   */
  static WinNT.HANDLE createInstance(String pipeName, String sddl, boolean firstInstance,
      int[] error) {
    PointerByReference descriptor = new PointerByReference();
    if (!PipeApi.Advapi.INSTANCE.ConvertStringSecurityDescriptorToSecurityDescriptor(sddl,
        PipeApi.SDDL_REVISION_1, descriptor, new IntByReference())) {
      error[0] = Native.getLastError();
      return null;
    }
    try {
      WinBase.SECURITY_ATTRIBUTES attributes = new WinBase.SECURITY_ATTRIBUTES();
      attributes.dwLength = new WinNT.DWORD(attributes.size());
      attributes.lpSecurityDescriptor = descriptor.getValue();
      attributes.bInheritHandle = false;
      int openMode = WinBase.PIPE_ACCESS_DUPLEX | WinNT.FILE_FLAG_OVERLAPPED
          | (firstInstance ? PipeApi.FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
      int pipeMode = WinBase.PIPE_TYPE_BYTE | WinBase.PIPE_READMODE_BYTE | WinBase.PIPE_WAIT
          | WinBase.PIPE_REJECT_REMOTE_CLIENTS;
      WinNT.HANDLE pipe = Kernel32.INSTANCE.CreateNamedPipe(pipeName, openMode, pipeMode,
          WinBase.PIPE_UNLIMITED_INSTANCES, BUFFER_BYTES, BUFFER_BYTES, 0, attributes);
      if (pipe == null || WinBase.INVALID_HANDLE_VALUE.equals(pipe)) {
        error[0] = Native.getLastError();
        return null;
      }
      return pipe;
    } finally {
      Kernel32.INSTANCE.LocalFree(descriptor.getValue());
    }
  }

  @Override
  public ServerConnection accept() throws IOException {
    WinNT.HANDLE pipe = nextInstance();
    waiting = pipe;
    try {
      if (closed) {
        throw new ClosedChannelException();
      }
      awaitClient(pipe);
      return new PipeConnection(pipe, true, PipePeers.identify(pipe));
    } catch (IOException | RuntimeException e) {
      Kernel32.INSTANCE.DisconnectNamedPipe(pipe);
      Kernel32.INSTANCE.CloseHandle(pipe);
      if (closed) {
        throw new ClosedChannelException();
      }
      throw e;
    } finally {
      waiting = null;
    }
  }

  private WinNT.HANDLE nextInstance() throws IOException {
    synchronized (this) {
      if (first != null) {
        WinNT.HANDLE pipe = first;
        first = null;
        return pipe;
      }
    }
    long delay = 1000;
    for (int failures = 1; ; failures++) {
      if (closed) {
        throw new ClosedChannelException();
      }
      int[] error = new int[1];
      WinNT.HANDLE pipe = createInstance(pipeName, sddl, false, error);
      if (pipe != null) {
        return pipe;
      }
      log.warn("{} Retrying in {} ms (attempt {}).", PipeErrors.describeCreateFailure(error[0],
          pipeName, Kernel32Util.formatMessageFromLastErrorCode(error[0])), delay, failures);
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClosedChannelException();
      }
      delay = Math.min(RETRY_CAP_MILLIS, delay * 2);
    }
  }

  private static void awaitClient(WinNT.HANDLE pipe) throws IOException {
    WinNT.HANDLE event = Kernel32.INSTANCE.CreateEvent(null, true, false, null);
    try {
      WinBase.OVERLAPPED overlapped = new WinBase.OVERLAPPED();
      overlapped.hEvent = event;
      overlapped.write();
      Pointer pointer = overlapped.getPointer();
      if (PipeApi.Kernel.INSTANCE.ConnectNamedPipe(pipe, pointer)) {
        return;
      }
      int error = Native.getLastError();
      if (error == WinError.ERROR_PIPE_CONNECTED) {
        return;
      }
      if (error != WinError.ERROR_IO_PENDING) {
        throw PipeConnection.failure("ConnectNamedPipe", error);
      }
      if (!PipeApi.Kernel.INSTANCE.GetOverlappedResult(pipe, pointer, new IntByReference(),
          true)) {
        throw PipeConnection.failure("ConnectNamedPipe", Native.getLastError());
      }
    } finally {
      Kernel32.INSTANCE.CloseHandle(event);
    }
  }

  @Override
  public String address() {
    return pipeName;
  }

  @Override
  public void close() {
    closed = true;
    WinNT.HANDLE pipe = waiting;
    if (pipe != null) {
      PipeApi.Kernel.INSTANCE.CancelIoEx(pipe, null);
    }
    synchronized (this) {
      if (first != null) {
        Kernel32.INSTANCE.CloseHandle(first);
        first = null;
      }
    }
  }
}

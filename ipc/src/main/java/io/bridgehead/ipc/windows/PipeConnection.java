package io.bridgehead.ipc.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.bridgehead.ipc.PeerIdentity;
import io.bridgehead.ipc.transport.ServerConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a named pipe opened for overlapped I/O, so that one thread can read while another
 * writes: a pipe handle opened for synchronous I/O runs one operation at a time.
 * {@link #close()} cancels pending I/O with {@code CancelIoEx}.
 *
 * <p>NOTE: this class has never run; it compiles against jna-platform but no test exercises it,
 * because the build machines run Linux.
 */
final class PipeConnection implements ServerConnection {
  private final WinNT.HANDLE pipe;
  private final boolean serverEnd;
  private final PeerIdentity peer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final InputStream input = new PipeInput();
  private final OutputStream output = new PipeOutput();

  PipeConnection(WinNT.HANDLE pipe, boolean serverEnd, PeerIdentity peer) {
    this.pipe = pipe;
    this.serverEnd = serverEnd;
    this.peer = peer;
  }

  @Override
  public PeerIdentity peer() {
    return peer;
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return output;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    PipeApi.Kernel.INSTANCE.CancelIoEx(pipe, null);
    if (serverEnd) {
      Kernel32.INSTANCE.DisconnectNamedPipe(pipe);
    }
    Kernel32.INSTANCE.CloseHandle(pipe);
  }

  /**
   * Runs one overlapped read or write to completion and returns the bytes moved, or -1 when the
   * other end closed the pipe.
   */
  private int transfer(Memory buffer, int length, boolean read) throws IOException {
    if (closed.get()) {
      throw new AsynchronousCloseException();
    }
    WinNT.HANDLE event = Kernel32.INSTANCE.CreateEvent(null, true, false, null);
    if (event == null) {
      throw failure("CreateEvent", Native.getLastError());
    }
    try {
      WinBase.OVERLAPPED overlapped = new WinBase.OVERLAPPED();
      overlapped.hEvent = event;
      overlapped.write();
      boolean done = read
          ? PipeApi.Kernel.INSTANCE.ReadFile(pipe, buffer, length, null, overlapped.getPointer())
          : PipeApi.Kernel.INSTANCE.WriteFile(pipe, buffer, length, null,
              overlapped.getPointer());
      int error = done ? 0 : Native.getLastError();
      if (!done && error != WinError.ERROR_IO_PENDING) {
        return endOrFail(read ? "ReadFile" : "WriteFile", error);
      }
      IntByReference moved = new IntByReference();
      if (!PipeApi.Kernel.INSTANCE.GetOverlappedResult(pipe, overlapped.getPointer(), moved,
          true)) {
        return endOrFail("GetOverlappedResult", Native.getLastError());
      }
      return moved.getValue();
    } finally {
      Kernel32.INSTANCE.CloseHandle(event);
    }
  }

  private int endOrFail(String call, int error) throws IOException {
    if (error == WinError.ERROR_BROKEN_PIPE || error == WinError.ERROR_PIPE_NOT_CONNECTED
        || error == WinError.ERROR_NO_DATA) {
      return -1;
    }
    if (error == WinError.ERROR_OPERATION_ABORTED || closed.get()) {
      throw new AsynchronousCloseException();
    }
    throw failure(call, error);
  }

  static IOException failure(String call, int error) {
    return new IOException(call + " on a named pipe failed with Windows error " + error + ": "
        + Kernel32Util.formatMessageFromLastErrorCode(error).strip());
  }

  private final class PipeInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      Memory buffer = new Memory(length);
      int count;
      do {
        // A zero-byte write at the other end completes a read with no data; wait for more.
        count = transfer(buffer, length, true);
      } while (count == 0);
      if (count > 0) {
        buffer.read(0, bytes, offset, count);
      }
      return count;
    }
  }

  private final class PipeOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      int done = 0;
      while (done < length) {
        Memory buffer = new Memory(length - done);
        buffer.write(0, bytes, offset + done, length - done);
        int count = transfer(buffer, length - done, false);
        if (count < 0) {
          throw new IOException("the other end closed the named pipe");
        }
        done += count;
      }
    }
  }
}

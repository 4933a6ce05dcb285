package io.bridgehead.ipc.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * Win32 functions that jna-platform 5.19 does not bind, or binds only with Java arrays that
 * cannot serve overlapped I/O. Raw bindings only: {@link PipeConnection} and
 * {@link PipeServerEndpoint} check the results. Each library loads on first use, so this
 * class is harmless on other systems.
 */
final class PipeApi {
  /** {@code FILE_FLAG_FIRST_PIPE_INSTANCE}: fail when the pipe name exists already. */
  static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
  /** {@code SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION}: the server may identify the
   * client but not act as it. */
  static final int SECURITY_IDENTIFICATION_ONLY = 0x00100000 | 0x00010000;
  static final int SDDL_REVISION_1 = 1;
  static final int ERROR_NO_SUCH_LOGON_SESSION = 1312;

  private PipeApi() {
  }

  interface Kernel extends StdCallLibrary {
    Kernel INSTANCE = Native.load("kernel32", Kernel.class, W32APIOptions.DEFAULT_OPTIONS);

    boolean ReadFile(WinNT.HANDLE file, Pointer buffer, int length, IntByReference read,
        Pointer overlapped);

    boolean WriteFile(WinNT.HANDLE file, Pointer buffer, int length, IntByReference written,
        Pointer overlapped);

    boolean ConnectNamedPipe(WinNT.HANDLE pipe, Pointer overlapped);

    boolean GetOverlappedResult(WinNT.HANDLE file, Pointer overlapped,
        IntByReference transferred, boolean wait);

    boolean CancelIoEx(WinNT.HANDLE file, Pointer overlapped);
  }

  interface Advapi extends StdCallLibrary {
    Advapi INSTANCE = Native.load("advapi32", Advapi.class, W32APIOptions.DEFAULT_OPTIONS);

    boolean ConvertStringSecurityDescriptorToSecurityDescriptor(String sddl, int revision,
        PointerByReference descriptor, IntByReference length);

    boolean ImpersonateNamedPipeClient(WinNT.HANDLE pipe);

    boolean CheckTokenMembership(WinNT.HANDLE token, Pointer sid, IntByReference isMember);
  }

  /** {@code TOKEN_LINKED_TOKEN}: the other half of a split (UAC) token. */
  @Structure.FieldOrder("linkedToken")
  public static final class LinkedToken extends Structure {
    public WinNT.HANDLE linkedToken;
  }
}

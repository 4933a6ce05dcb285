package io.bridgehead.ipc.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.bridgehead.ipc.PeerIdentity;
import java.io.IOException;

/**
 * Identifies the client of a connected pipe from its token: impersonate the client, open the
 * thread token, revert at once, then read the account and group membership from the token.
 *
 * <p>NOTE: this class has never run; no test exercises it, because the build machines run Linux.
 */
final class PipePeers {
  /** BUILTIN\Administrators. */
  private static final String ADMINISTRATORS_SID = "S-1-5-32-544";

  private PipePeers() {
  }

  static PeerIdentity identify(WinNT.HANDLE pipe) throws IOException {
    WinNT.HANDLE token = clientToken(pipe);
    try {
      Advapi32Util.Account account = Advapi32Util.getTokenAccount(token);
      String user = account.domain == null || account.domain.isEmpty() ? account.name
          : account.domain + "\\" + account.name;
      return new PeerIdentity(user, account.sidString, clientPid(pipe),
          isAdministrator(token), true);
    } finally {
      Kernel32.INSTANCE.CloseHandle(token);
    }
  }

  private static WinNT.HANDLE clientToken(WinNT.HANDLE pipe) throws IOException {
    if (!PipeApi.Advapi.INSTANCE.ImpersonateNamedPipeClient(pipe)) {
      throw PipeConnection.failure("ImpersonateNamedPipeClient", Native.getLastError());
    }
    WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
    boolean opened;
    int error;
    try {
      opened = Advapi32.INSTANCE.OpenThreadToken(Kernel32.INSTANCE.GetCurrentThread(),
          WinNT.TOKEN_QUERY, true, token);
      error = opened ? 0 : Native.getLastError();
    } finally {
      if (!Advapi32.INSTANCE.RevertToSelf()) {
        // Going on as the client would run the service's code with the client's rights.
        throw new IllegalStateException("RevertToSelf failed with Windows error "
            + Native.getLastError() + " after impersonating a pipe client");
      }
    }
    if (!opened) {
      throw PipeConnection.failure("OpenThreadToken", error);
    }
    return token.getValue();
  }

  /**
   * Returns whether the token, or the elevated token linked to it, is in Administrators.
   *
   * <p>NOTE: counting the linked token means a member of Administrators is an administrator
   * here even from a process that is not elevated, without a UAC prompt.
   */
  private static boolean isAdministrator(WinNT.HANDLE token) throws IOException {
    if (isMember(token)) {
      return true;
    }
    PipeApi.LinkedToken linked = new PipeApi.LinkedToken();
    IntByReference size = new IntByReference();
    if (!Advapi32.INSTANCE.GetTokenInformation(token,
        WinNT.TOKEN_INFORMATION_CLASS.TokenLinkedToken, linked, linked.size(), size)) {
      // Accounts outside Administrators have no linked token.
      return false;
    }
    try {
      return isMember(linked.linkedToken);
    } finally {
      Kernel32.INSTANCE.CloseHandle(linked.linkedToken);
    }
  }

  private static boolean isMember(WinNT.HANDLE token) throws IOException {
    WinNT.PSID administrators = new WinNT.PSID(
        Advapi32Util.convertStringSidToSid(ADMINISTRATORS_SID));
    IntByReference member = new IntByReference();
    if (!PipeApi.Advapi.INSTANCE.CheckTokenMembership(token, administrators.getPointer(),
        member)) {
      throw PipeConnection.failure("CheckTokenMembership", Native.getLastError());
    }
    return member.getValue() != 0;
  }

  private static long clientPid(WinNT.HANDLE pipe) {
    WinDef.ULONGByReference pid = new WinDef.ULONGByReference();
    if (!Kernel32.INSTANCE.GetNamedPipeClientProcessId(pipe, pid)) {
      return PeerIdentity.UNKNOWN_PID;
    }
    return pid.getValue().longValue();
  }
}

package io.bridgehead.installer.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.NTSecApi;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants and revokes the "Log on as a service" right ({@code SeServiceLogonRight}) through the
 * LSA policy, which a service account other than LocalSystem needs before its service can
 * start. Granting is idempotent in Windows: {@code LsaAddAccountRights} succeeds when the
 * account has the right already.
 *
 * <p>NOTE: never run; written on Linux. Revoking takes the right away from every service that
 * runs as the account, so an uninstaller should revoke only a right that its install added.
 */
public final class LogonRights {
  /** The right's name in the LSA policy. */
  public static final String SERVICE_LOGON_RIGHT = "SeServiceLogonRight";

  private static final Logger log = LoggerFactory.getLogger(LogonRights.class);

  /**
   * Grants the account the right to log on as a service; does nothing for LocalSystem.
   *
   * @throws IOException when the account is not found or the LSA call fails
   */
  public void grant(ServiceAccount account) throws IOException {
    if (!account.needsServiceLogonRight()) {
      return;
    }
    WinNT.PSID sid = new WinNT.PSID(AccountSids.lookup(account).sid);
    withPolicy(account, policy -> Advapi32Additions.INSTANCE.LsaAddAccountRights(
        policy, sid, unicodeString(SERVICE_LOGON_RIGHT), 1), "granting");
    log.info("Granted {} to {}", SERVICE_LOGON_RIGHT, account);
  }

  /**
   * Revokes the right; does nothing for LocalSystem.
   *
   * @throws IOException when the account is not found or the LSA call fails
   */
  public void revoke(ServiceAccount account) throws IOException {
    if (!account.needsServiceLogonRight()) {
      return;
    }
    WinNT.PSID sid = new WinNT.PSID(AccountSids.lookup(account).sid);
    withPolicy(account, policy -> Advapi32Additions.INSTANCE.LsaRemoveAccountRights(
        policy, sid, false, unicodeString(SERVICE_LOGON_RIGHT), 1), "revoking");
    log.info("Revoked {} from {}", SERVICE_LOGON_RIGHT, account);
  }

  private interface PolicyCall {
    /** Returns the call's NTSTATUS. */
    int call(Pointer policy);
  }

  private static void withPolicy(ServiceAccount account, PolicyCall call, String action)
      throws IOException {
    PointerByReference handle = new PointerByReference();
    int status = Advapi32Additions.INSTANCE.LsaOpenPolicy(null,
        new Advapi32Additions.LsaObjectAttributes(),
        Advapi32Additions.POLICY_CREATE_ACCOUNT | Advapi32Additions.POLICY_LOOKUP_NAMES,
        handle);
    check(status, "opening the LSA policy to change " + account + "'s rights");
    try {
      check(call.call(handle.getValue()), action + " " + SERVICE_LOGON_RIGHT + " for "
          + account);
    } finally {
      Advapi32Additions.INSTANCE.LsaClose(handle.getValue());
    }
  }

  private static void check(int status, String operation) throws IOException {
    if (status != 0) {
      int error = Advapi32Additions.INSTANCE.LsaNtStatusToWinError(status);
      throw new IOException(operation + " failed with Windows error " + error + ": "
          + Kernel32Util.formatMessage(error).strip()
          + ". Run the installer as an administrator.");
    }
  }

  /** Returns an {@code LSA_UNICODE_STRING} whose buffer contains {@code text} in UTF-16. */
  private static NTSecApi.LSA_UNICODE_STRING unicodeString(String text) {
    NTSecApi.LSA_UNICODE_STRING string = new NTSecApi.LSA_UNICODE_STRING();
    Memory buffer = new Memory((text.length() + 1L) * Native.WCHAR_SIZE);
    buffer.setWideString(0, text);
    string.Buffer = buffer;
    string.Length = (short) (text.length() * Native.WCHAR_SIZE);
    string.MaximumLength = (short) ((text.length() + 1) * Native.WCHAR_SIZE);
    return string;
  }
}

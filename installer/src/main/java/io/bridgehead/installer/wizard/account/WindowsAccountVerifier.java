package io.bridgehead.installer.wizard.account;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;

/**
 * Checks a Windows domain account by logging it on as a service with LogonUser, the way the
 * Service Control Manager will. A group managed service account has no password that the
 * wizard could use, so only its form is checked.
 *
 * <p>NOTE: never run; written for Windows and only compiled on Linux.
 */
final class WindowsAccountVerifier implements AccountVerifier {

  @Override
  public String verify(String account, String password) {
    String trimmed = account.trim();
    int slash = trimmed.indexOf('\\');
    if (slash <= 0) {
      return "'" + trimmed + "' is not of the form DOMAIN\\name";
    }
    if (trimmed.endsWith("$")) {
      return "";
    }
    String domain = trimmed.substring(0, slash);
    String user = trimmed.substring(slash + 1);
    WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
    boolean ok = Advapi32.INSTANCE.LogonUser(user, domain, password,
        WinBase.LOGON32_LOGON_SERVICE, WinBase.LOGON32_PROVIDER_DEFAULT, token);
    if (ok) {
      Kernel32.INSTANCE.CloseHandle(token.getValue());
      return "";
    }
    int error = Kernel32.INSTANCE.GetLastError();
    return "Windows rejected " + trimmed + " (error " + error + ": "
        + Kernel32Util.formatMessage(error).trim() + "); check the password and that the"
        + " account has the right to log on as a service";
  }
}

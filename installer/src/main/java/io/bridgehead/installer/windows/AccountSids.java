package io.bridgehead.installer.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import java.io.IOException;

/**
 * Looks up the SID of a service account through {@code LookupAccountName}.
 *
 * <p>NOTE: never run; written on Linux.
 */
final class AccountSids {
  private AccountSids() {
  }

  /** Returns the account as Windows resolves it, with its SID. */
  static Advapi32Util.Account lookup(ServiceAccount account) throws IOException {
    try {
      return Advapi32Util.getAccountByName(account.qualifiedName());
    } catch (Win32Exception e) {
      throw new IOException("looking up service account " + account + " failed: "
          + e.getMessage() + ". Check the name, and for a domain account that this computer"
          + " can reach a domain controller.", e);
    }
  }
}

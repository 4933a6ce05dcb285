package io.bridgehead.installer.windows;

import java.util.Arrays;

/**
 * The account name and password to pass to {@code CreateService} or
 * {@code ChangeServiceConfig}, which read a null name differently: {@code CreateService}
 * takes it as LocalSystem, {@code ChangeServiceConfig} as "keep the current account". So a
 * change names LocalSystem explicitly, and passes an empty password for the accounts that
 * have none, because a null password there also means "keep the current one".
 *
 * <p>NOTE: these rules are from the Win32 documentation as remembered; no Windows call has
 * used them yet.
 *
 * @param startName {@code lpServiceStartName}, or null
 * @param password {@code lpPassword} as a NUL-terminated array, or null; the caller clears it
 */
public record ServiceLogon(String startName, char[] password) {

  /** Returns the logon for {@code CreateService}. */
  public static ServiceLogon forCreate(ServiceAccount account, char[] password) {
    account.checkPassword(password);
    return new ServiceLogon(account.serviceStartName(),
        account.requiresPassword() ? terminated(password) : null);
  }

  /** Returns the logon for {@code ChangeServiceConfig}. */
  public static ServiceLogon forChange(ServiceAccount account, char[] password) {
    account.checkPassword(password);
    String name = account.kind() == ServiceAccount.Kind.LOCAL_SYSTEM
        ? "LocalSystem"
        : account.qualifiedName();
    return new ServiceLogon(name,
        account.requiresPassword() ? terminated(password) : new char[] {'\0'});
  }

  /** Overwrites the password array with NUL characters. */
  public void clear() {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] terminated(char[] password) {
    char[] copy = new char[password.length + 1];
    System.arraycopy(password, 0, copy, 0, password.length);
    return copy;
  }

  @Override
  public String toString() {
    return "ServiceLogon[" + startName + "]";
  }
}

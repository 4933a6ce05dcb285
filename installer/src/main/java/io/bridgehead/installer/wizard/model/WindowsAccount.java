package io.bridgehead.installer.wizard.model;

import java.util.Locale;

/** Names of the Windows accounts a service may run as. */
public final class WindowsAccount {
  /** The built-in account the contract makes the default on Windows. */
  public static final String LOCAL_SYSTEM = "LocalSystem";

  private WindowsAccount() {}

  /** Returns whether the account needs no password: LocalSystem or a group managed one. */
  public static boolean needsNoPassword(String account) {
    String trimmed = account.trim();
    return trimmed.equalsIgnoreCase(LOCAL_SYSTEM) || trimmed.endsWith("$");
  }

  /** Returns whether the name has the form {@code DOMAIN\name} with both parts present. */
  public static boolean isDomainAccount(String account) {
    String trimmed = account.trim().toLowerCase(Locale.ROOT);
    int slash = trimmed.indexOf('\\');
    return slash > 0 && slash < trimmed.length() - 1 && trimmed.indexOf('\\', slash + 1) < 0;
  }
}

package io.bridgehead.installer.windows;

import java.util.Locale;
import java.util.Set;

/**
 * The account a Windows service runs as, classified from the {@code --service-account}
 * value. The installer accepts four kinds:
 *
 * <ul>
 *   <li>{@code LocalSystem} (also {@code .\LocalSystem} or {@code NT AUTHORITY\SYSTEM}): the
 *       default, no password;
 *   <li>{@code DOMAIN\name$}: a group managed service account, whose password Windows
 *       fetches from Active Directory, so none may be given;
 *   <li>{@code DOMAIN\name}: a domain account, which needs its password;
 *   <li>{@code name} or {@code .\name}: an account of this computer, which needs its password.
 * </ul>
 *
 * <p>Names in the {@code name@domain} form are rejected, because the Service Control Manager
 * takes {@code DOMAIN\name}. Other built-in accounts ({@code NT AUTHORITY\LocalService},
 * {@code NetworkService}) are rejected as well: they cannot read a data folder that only
 * SYSTEM, Administrators and the service account may use.
 *
 * @param kind what sort of account it is
 * @param domain the domain, or {@code .} for this computer and LocalSystem
 * @param user the account name without the domain; for a group managed service account it
 *     ends with {@code $}
 */
public record ServiceAccount(Kind kind, String domain, String user) {

  /** The sorts of account a service may run as. */
  public enum Kind {
    LOCAL_SYSTEM,
    GROUP_MANAGED,
    DOMAIN,
    LOCAL
  }

  /** The account the installer uses when {@code --service-account} is absent. */
  public static final ServiceAccount LOCAL_SYSTEM =
      new ServiceAccount(Kind.LOCAL_SYSTEM, ".", "LocalSystem");

  private static final Set<String> LOCAL_SYSTEM_NAMES =
      Set.of("localsystem", ".\\localsystem", "nt authority\\system");
  /**
   * Characters rejected in account names. NOTE: the list is Windows' rule for user names as
   * remembered; it was not checked against Windows or its documentation here.
   */
  private static final String INVALID_CHARACTERS = "\"/\\[]:;|=,+*?<>";
  private static final String FORMS = "give LocalSystem, DOMAIN\\name$ for a group managed"
      + " service account, DOMAIN\\name for a domain account, or .\\name for a local account";

  /**
   * Classifies an account name.
   *
   * @throws IllegalArgumentException when the name is empty, in {@code name@domain} form,
   *     another built-in account, or has an empty part or an invalid character
   */
  public static ServiceAccount parse(String name) {
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty service account: " + FORMS);
    }

    if (LOCAL_SYSTEM_NAMES.contains(trimmed.toLowerCase(Locale.ROOT))) {
      return LOCAL_SYSTEM;
    }
    if (trimmed.toLowerCase(Locale.ROOT).startsWith("nt authority\\")) {
      throw new IllegalArgumentException("unsupported service account '" + name + "': of the"
          + " built-in accounts only LocalSystem is supported; " + FORMS);
    }
    if (trimmed.indexOf('@') >= 0) {
      throw new IllegalArgumentException("unsupported service account '" + name + "': write"
          + " it as DOMAIN\\name, not name@domain");
    }

    int separator = trimmed.indexOf('\\');
    if (separator < 0) {
      return local(name, trimmed);
    }
    String domain = trimmed.substring(0, separator);
    String user = trimmed.substring(separator + 1);
    if (domain.isEmpty() || user.isEmpty()) {
      throw new IllegalArgumentException("invalid service account '" + name + "': the domain"
          + " and the name must both be non-empty; " + FORMS);
    }
    checkCharacters(name, domain);
    checkCharacters(name, user);

    if (domain.equals(".")) {
      return local(name, user);
    }
    if (user.endsWith("$")) {
      checkGroupManagedName(name, user);
      return new ServiceAccount(Kind.GROUP_MANAGED, domain, user);
    }
    return new ServiceAccount(Kind.DOMAIN, domain, user);
  }

  private static ServiceAccount local(String name, String user) {
    checkCharacters(name, user);
    if (user.endsWith("$")) {
      throw new IllegalArgumentException("invalid service account '" + name + "': a name"
          + " ending in $ is a group managed service account, which needs its domain:"
          + " DOMAIN\\" + user);
    }
    return new ServiceAccount(Kind.LOCAL, ".", user);
  }

  private static void checkGroupManagedName(String name, String user) {
    if (user.length() == 1 || user.indexOf('$') != user.length() - 1) {
      throw new IllegalArgumentException("invalid group managed service account '" + name
          + "': the name must be DOMAIN\\name$ with a single trailing $");
    }
  }

  private static void checkCharacters(String name, String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (INVALID_CHARACTERS.indexOf(c) >= 0 || Character.isISOControl(c)) {
        throw new IllegalArgumentException("invalid service account '" + name + "': the"
            + " character '" + c + "' is not allowed in account names; " + FORMS);
      }
    }
  }

  /**
   * Returns the name to give {@code CreateService} as {@code lpServiceStartName}: null for
   * LocalSystem, which the Service Control Manager takes as LocalSystem, else
   * {@code DOMAIN\name}.
   */
  public String serviceStartName() {
    return kind == Kind.LOCAL_SYSTEM ? null : qualifiedName();
  }

  /** Returns {@code DOMAIN\name}, {@code .\name} for a local account. */
  public String qualifiedName() {
    return domain + "\\" + user;
  }

  /** Returns whether Windows needs a password to start a service as this account. */
  public boolean requiresPassword() {
    return kind == Kind.DOMAIN || kind == Kind.LOCAL;
  }

  /**
   * Returns whether the account needs the "Log on as a service" right granted, which is true
   * for every kind but LocalSystem.
   */
  public boolean needsServiceLogonRight() {
    return kind != Kind.LOCAL_SYSTEM;
  }

  /**
   * Checks that a password is given exactly when the account needs one.
   *
   * @param password the password, or null when none was given
   * @throws IllegalArgumentException when a password is missing or not allowed
   */
  public void checkPassword(char[] password) {
    boolean given = password != null && password.length > 0;
    if (requiresPassword() && !given) {
      throw new IllegalArgumentException("missing password for service account '"
          + qualifiedName() + "': give --service-password-file FILE or --service-password -");
    }
    if (!requiresPassword() && given) {
      String reason = kind == Kind.GROUP_MANAGED
          ? "a group managed service account takes none, because Windows fetches its password"
              + " from Active Directory"
          : "LocalSystem takes none";
      throw new IllegalArgumentException("unexpected password for service account '"
          + qualifiedName() + "': " + reason + "; drop the password option");
    }
  }

  @Override
  public String toString() {
    return kind == Kind.LOCAL_SYSTEM ? "LocalSystem" : qualifiedName();
  }
}

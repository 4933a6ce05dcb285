package io.bridgehead.installer.wizard.account;

/**
 * Checks that a Windows service account and its password are valid before the install uses
 * them. The wizard calls it on a background thread.
 */
public interface AccountVerifier {

  /**
   * Checks the account.
   *
   * @param account {@code DOMAIN\name}, or {@code DOMAIN\name$} for a group managed account
   * @param password the password; empty for a group managed account
   * @return an empty string when the account is usable, otherwise what is wrong and what to do
   */
  String verify(String account, String password);

  /** Returns the verifier for this system: the Windows one, or one that reports it cannot run. */
  static AccountVerifier forThisSystem() {
    return System.getProperty("os.name", "").startsWith("Windows")
        ? new WindowsAccountVerifier()
        : (account, password) -> "Windows accounts can only be checked on Windows; this"
            + " installer runs on " + System.getProperty("os.name");
  }
}

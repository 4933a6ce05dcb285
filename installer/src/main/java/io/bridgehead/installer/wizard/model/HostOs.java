package io.bridgehead.installer.wizard.model;

import java.util.Locale;

/** The operating system the wizard installs on; it decides defaults and the account page. */
public enum HostOs {
  LINUX,
  WINDOWS;

  /** Returns the system this JVM runs on; anything other than Windows counts as Linux. */
  public static HostOs current() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return name.startsWith("windows") ? WINDOWS : LINUX;
  }

  /** Returns the default install folder: the contract's {@code --install-dir} default. */
  public String defaultInstallDir() {
    if (this == LINUX) {
      return "/opt/bridgehead";
    }
    String programFiles = System.getenv("ProgramFiles");
    return (programFiles == null ? "C:\\Program Files" : programFiles) + "\\Bridgehead";
  }

  /** Returns the default service account: a system user on Linux, LocalSystem on Windows. */
  public String defaultServiceAccount() {
    return this == LINUX ? "bridgehead" : WindowsAccount.LOCAL_SYSTEM;
  }
}

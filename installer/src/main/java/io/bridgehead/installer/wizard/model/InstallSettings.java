package io.bridgehead.installer.wizard.model;

import io.bridgehead.installer.layout.InstallLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the wizard collected, as plain values: the input of the command lines it runs.
 * Secrets are fields here because the wizard writes them to a child's standard input; the
 * record's {@link #toString()} hides them.
 *
 * @param root the folder the installation goes into instead of the system, or null
 * @param os the system the command lines are for
 * @param installDir the install folder as typed
 * @param connection which of the connection fields count
 * @param enrollmentString the pasted enrollment string (secret)
 * @param tenantUrl the tenant's URL
 * @param enrollmentKey the enrollment key (secret)
 * @param fingerprint the pinned certificate fingerprint, or blank for the system trust store
 * @param modules the modules to install by wire name, for example {@code automation}
 * @param serviceAccount the account the services run as
 * @param servicePassword the Windows domain account's password (secret), or blank
 * @param proxyMode how the agent reaches the tenant
 * @param proxyUrl the explicit proxy's URL
 * @param proxyUser the explicit proxy's user, or blank
 * @param proxyPassword the explicit proxy's password (secret), or blank
 */
public record InstallSettings(
    Path root,
    HostOs os,
    String installDir,
    ConnectionMode connection,
    String enrollmentString,
    String tenantUrl,
    String enrollmentKey,
    String fingerprint,
    List<String> modules,
    String serviceAccount,
    String servicePassword,
    ProxyMode proxyMode,
    String proxyUrl,
    String proxyUser,
    String proxyPassword) {

  public InstallSettings {
    Objects.requireNonNull(os, "os");
    installDir = installDir.trim();
    Objects.requireNonNull(connection, "connection");
    enrollmentString = enrollmentString.trim();
    tenantUrl = tenantUrl.trim();
    enrollmentKey = enrollmentKey.trim();
    fingerprint = fingerprint.trim();
    modules = List.copyOf(modules);
    serviceAccount = serviceAccount.trim();
    Objects.requireNonNull(servicePassword, "servicePassword");
    Objects.requireNonNull(proxyMode, "proxyMode");
    proxyUrl = proxyUrl.trim();
    proxyUser = proxyUser.trim();
    Objects.requireNonNull(proxyPassword, "proxyPassword");
  }

  /** Returns whether the service account needs a password on the command's standard input. */
  public boolean sendsServicePassword() {
    return os == HostOs.WINDOWS && !WindowsAccount.needsNoPassword(serviceAccount);
  }

  /** Returns whether the proxy password goes on the command's standard input. */
  public boolean sendsProxyPassword() {
    return proxyMode == ProxyMode.EXPLICIT && !proxyUser.isEmpty() && !proxyPassword.isEmpty();
  }

  /** Returns the program folder the install writes, placed under the root when one is set. */
  public Path programFolder() {
    Path typed = Path.of(installDir);
    return root == null ? typed : InstallLayout.under(root, typed);
  }

  /**
   * Returns the services' socket folder when it is not the default {@code /run/bridgehead},
   * as after a {@code --root} install on Linux, or null. Windows services use named pipes.
   */
  public Path nonDefaultSocketFolder() {
    if (os != HostOs.LINUX || root == null) {
      return null;
    }
    return InstallLayout.under(root, InstallLayout.LINUX_RUN_DIR);
  }

  @Override
  public String toString() {
    return "InstallSettings[root=" + root + ", os=" + os + ", installDir=" + installDir
        + ", connection=" + connection + ", tenantUrl=" + tenantUrl + ", modules=" + modules
        + ", serviceAccount=" + serviceAccount + ", proxyMode=" + proxyMode + ", proxyUrl="
        + proxyUrl + ", proxyUser=" + proxyUser + ", secrets hidden]";
  }
}

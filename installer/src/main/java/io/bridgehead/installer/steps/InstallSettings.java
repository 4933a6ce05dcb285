package io.bridgehead.installer.steps;

import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.record.ProxyChoice;
import io.bridgehead.wire.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The checked and complete settings of an install; the unattended command line parses into
 * them.
 *
 * @param layout where the files go
 * @param modules the roles to install, each as its own service
 * @param enrollment the tenant and key to enroll with, or null when every module's data folder
 *     is enrolled already (a reinstall)
 * @param tags the agent's tags, sent at enrollment
 * @param serviceAccount the account the services run as
 * @param servicePassword the Windows domain account's password, or null
 * @param proxy the proxy choice
 * @param proxyPassword the proxy user's password, or null
 * @param proxyGiven true when the command line gave {@code --proxy}, so that a reinstall
 *     writes the proxy into data folders that are enrolled already; false when {@code proxy}
 *     is the default, and enrolled data folders keep theirs
 * @param start false to register the services without starting them
 * @param consoleAutostart true to start the console at every desktop login
 * @param releaseKey a PEM file with the release public key that update packages must be signed
 *     with, copied into the data folder. Null keeps the installed key, or else the agent
 *     trusts the key it ships with
 */
public record InstallSettings(
    InstallLayout layout,
    List<Role> modules,
    EnrollmentSettings enrollment,
    List<String> tags,
    String serviceAccount,
    char[] servicePassword,
    ProxyChoice proxy,
    char[] proxyPassword,
    boolean proxyGiven,
    boolean start,
    boolean consoleAutostart,
    Path releaseKey) {

  public InstallSettings {
    Objects.requireNonNull(layout, "layout");
    modules = List.copyOf(modules);
    tags = List.copyOf(tags);
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    Objects.requireNonNull(proxy, "proxy");
  }

  /** Makes settings that leave the release key as it is. */
  public InstallSettings(InstallLayout layout, List<Role> modules,
      EnrollmentSettings enrollment, List<String> tags, String serviceAccount,
      char[] servicePassword, ProxyChoice proxy, char[] proxyPassword, boolean proxyGiven,
      boolean start, boolean consoleAutostart) {
    this(layout, modules, enrollment, tags, serviceAccount, servicePassword, proxy,
        proxyPassword, proxyGiven, start, consoleAutostart, null);
  }

  /** Returns these settings with the proxy choice from an earlier install record. */
  public InstallSettings withRecordedProxy(ProxyChoice recorded) {
    return new InstallSettings(layout, modules, enrollment, tags, serviceAccount,
        servicePassword, recorded, proxyPassword, false, start, consoleAutostart, releaseKey);
  }

  @Override
  public String toString() {
    return "InstallSettings[" + layout + ", modules " + modules + ", tags " + tags
        + ", account " + serviceAccount + ", proxy " + proxy
        + (proxyGiven ? "" : " (default)")
        + (releaseKey == null ? "" : ", release key " + releaseKey) + "]";
  }
}

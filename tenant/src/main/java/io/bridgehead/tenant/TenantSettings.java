package io.bridgehead.tenant;

import io.bridgehead.tenant.jobs.DispatchSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * How a tenant is started.
 *
 * @param dataFolder where the database, certificate, admin token and logs live
 * @param bindAddress the address to listen on; loopback by default, so that nothing outside
 *     this machine can reach a development tenant unless asked to
 * @param port the TCP port, or 0 for any free port
 * @param extraCertificateNames host names or addresses to add to the certificate made at
 *     first start, for agents that reach the tenant by another name
 * @param dispatch lease and long-poll timing
 * @param updates the release key, package size limit and rollout time-out
 */
public record TenantSettings(
    Path dataFolder,
    String bindAddress,
    int port,
    List<String> extraCertificateNames,
    DispatchSettings dispatch,
    UpdateSettings updates) {

  /** The default port, 8443, the usual alternative HTTPS port. */
  public static final int DEFAULT_PORT = 8443;

  /** Makes settings with the default update settings. */
  public TenantSettings(Path dataFolder, String bindAddress, int port,
      List<String> extraCertificateNames, DispatchSettings dispatch) {
    this(dataFolder, bindAddress, port, extraCertificateNames, dispatch,
        UpdateSettings.defaults());
  }

  public static TenantSettings defaults(Path dataFolder) {
    return new TenantSettings(dataFolder, "127.0.0.1", DEFAULT_PORT, List.of(),
        DispatchSettings.defaults());
  }

  public TenantSettings withPort(int newPort) {
    return new TenantSettings(dataFolder, bindAddress, newPort, extraCertificateNames, dispatch,
        updates);
  }

  public TenantSettings withDispatch(DispatchSettings newDispatch) {
    return new TenantSettings(dataFolder, bindAddress, port, extraCertificateNames, newDispatch,
        updates);
  }

  public TenantSettings withUpdates(UpdateSettings newUpdates) {
    return new TenantSettings(dataFolder, bindAddress, port, extraCertificateNames, dispatch,
        newUpdates);
  }
}

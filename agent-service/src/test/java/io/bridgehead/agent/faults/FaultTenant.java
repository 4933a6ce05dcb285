package io.bridgehead.agent.faults;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.jobs.DispatchSettings;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real reference tenant for the fault tests: HTTPS on a free loopback port, its data in a
 * test folder. It can be stopped and started again on the same folder and port, as an
 * operator restarts a tenant. Agents keep their pinned fingerprint because the certificate is
 * loaded from the folder.
 */
final class FaultTenant implements AutoCloseable {
  /**
   * The tenant's default timing except for the lease, shortened for the tests from 30 s to
   * 6 s: agents renew every 2 s, and a lapsed lease is noticed within about 7 s instead of
   * 31 s. Acceptance time, long-poll wait, sweep interval and maximum attempts keep their
   * defaults.
   */
  static final DispatchSettings SHORT_LEASE = withLease(Duration.ofSeconds(6));

  private final Path folder;
  private final DispatchSettings dispatch;
  private final CertificateFingerprint fingerprint;
  private final String url;
  private final int port;
  /** The running server, or null while stopped. */
  private TenantServer server;
  private AdminClient admin;

  private FaultTenant(Path folder, DispatchSettings dispatch, TenantServer server)
      throws IOException {
    this.folder = folder;
    this.dispatch = dispatch;
    this.server = server;
    this.fingerprint = server.fingerprint();
    this.url = server.url();
    this.port = server.port();
    this.admin = AdminClient.connect(url, fingerprint, server.adminToken());
  }

  /** Starts a tenant with {@link #SHORT_LEASE} on any free loopback port. */
  static FaultTenant start(Path folder) throws IOException {
    return start(folder, SHORT_LEASE);
  }

  /** Starts a tenant with the given dispatch timing on any free loopback port. */
  static FaultTenant start(Path folder, DispatchSettings dispatch) throws IOException {
    return new FaultTenant(folder, dispatch, TenantServer.start(settings(folder, 0, dispatch)));
  }

  /** Returns the tenant's default dispatch timing with another lease length. */
  static DispatchSettings withLease(Duration lease) {
    DispatchSettings defaults = DispatchSettings.defaults();
    return new DispatchSettings(lease, defaults.acceptTime(), defaults.maxPollWait(),
        defaults.sweepInterval(), defaults.defaultMaxAttempts(),
        defaults.defaultQueueTimeout());
  }

  private static TenantSettings settings(Path folder, int port, DispatchSettings dispatch) {
    return TenantSettings.defaults(folder).withPort(port).withDispatch(dispatch);
  }

  /** Stops the server and keeps its data folder for {@link #restart()}. */
  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts a new server on the same data folder, port and dispatch timing. */
  void restart() throws IOException {
    if (server != null) {
      throw new IllegalStateException("the tenant at " + url
          + " is still running, so stop it before restarting it");
    }
    server = TenantServer.start(settings(folder, port, dispatch));
    admin = AdminClient.connect(url, fingerprint, server.adminToken());
  }

  /** Returns an admin client for the running server; a restart replaces it. */
  AdminClient admin() {
    if (server == null) {
      throw new IllegalStateException("the tenant at " + url + " is stopped");
    }
    return admin;
  }

  int port() {
    return port;
  }

  /** Returns how an agent reaches this tenant directly: its URL and pinned fingerprint. */
  TenantConnection connection() {
    return new TenantConnection(url, fingerprint, null);
  }

  /**
   * Returns how an agent reaches this tenant through a proxy on loopback. The tenant's
   * certificate names 127.0.0.1, so the pinned fingerprint and host name check still pass.
   */
  TenantConnection connectionThrough(LoopbackProxy proxy) {
    return new TenantConnection(proxy.url(), fingerprint, null);
  }

  /** Creates a pool whose first enrollment key enrolls up to {@code agents} agents. */
  String createPool(String name, int agents) throws IOException {
    return admin().createPool(name, agents, null).enrollmentKey();
  }

  @Override
  public void close() {
    stop();
  }
}

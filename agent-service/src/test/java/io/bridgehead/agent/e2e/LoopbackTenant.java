package io.bridgehead.agent.e2e;

import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.tenant.jobs.DispatchSettings;
import io.bridgehead.tenant.jobs.Dispatcher;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.tls.CertificateFingerprint;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A real reference tenant for end-to-end tests: HTTPS on a free loopback port, its data in a
 * test folder. It can be stopped and started again on the same folder and port, as an operator
 * restarts a tenant, and it makes raw agent API calls for tests that play the agent's part.
 */
final class LoopbackTenant implements AutoCloseable {
  /**
   * The tenant's default timing except for a 9 s lease, which agents renew every 3 s, so a
   * cancel reaches the agent within about 3 s instead of 10 s. The long poll keeps its default
   * of 25 s, which the long-poll test relies on.
   */
  static final DispatchSettings DISPATCH = new DispatchSettings(Duration.ofSeconds(9),
      Duration.ofSeconds(10), Duration.ofSeconds(25), Duration.ofSeconds(1), 3);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final Path folder;
  private final OkHttpClient http;
  private final CertificateFingerprint fingerprint;
  private final String url;
  private final int port;
  /** The running server, or null while stopped. */
  private TenantServer server;
  private AdminClient admin;
  /** The release settings of the server, which a restart keeps. */
  private UpdateSettings updates = UpdateSettings.defaults();

  private LoopbackTenant(Path folder, TenantServer server) throws IOException {
    this.folder = folder;
    this.server = server;
    this.fingerprint = server.fingerprint();
    this.url = server.url();
    this.port = server.port();
    this.admin = AdminClient.connect(url, fingerprint, server.adminToken());
    TenantTrust trust = TenantTrust.create(fingerprint, null);
    this.http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .readTimeout(Duration.ofSeconds(60))
        .build();
  }

  /** Starts a tenant on any free loopback port with its data in {@code folder}. */
  static LoopbackTenant start(Path folder) throws IOException {
    return start(folder, UpdateSettings.defaults());
  }

  /**
   * Starts a tenant as {@link #start(Path)} does, which accepts the release packages that
   * {@code updates} allows, such as those signed with a key made by the test.
   */
  static LoopbackTenant start(Path folder, UpdateSettings updates) throws IOException {
    LoopbackTenant tenant = new LoopbackTenant(folder,
        TenantServer.start(settings(folder, 0, updates)));
    tenant.updates = updates;
    return tenant;
  }

  private static TenantSettings settings(Path folder, int port, UpdateSettings updates) {
    return TenantSettings.defaults(folder).withPort(port).withDispatch(DISPATCH)
        .withUpdates(updates);
  }

  /** Returns the tenant's data folder, which holds its published packages in releases/. */
  Path folder() {
    return folder;
  }

  /** Stops the server and keeps its data folder, so that {@link #restart()} can reopen it. */
  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * Starts a new server on the same data folder and port. Agents keep working unchanged
   * because the certificate, and so the pinned fingerprint, is loaded from the folder.
   */
  void restart() throws IOException {
    if (server != null) {
      throw new IllegalStateException("the tenant at " + url
          + " is still running, so stop it before restarting it");
    }
    server = TenantServer.start(settings(folder, port, updates));
    admin = AdminClient.connect(url, fingerprint, server.adminToken());
  }

  /** Returns the running server. */
  TenantServer server() {
    if (server == null) {
      throw new IllegalStateException("the tenant at " + url + " is stopped");
    }
    return server;
  }

  /** Returns an admin client for the running server. A restart replaces it. */
  AdminClient admin() {
    server();
    return admin;
  }

  String url() {
    return url;
  }

  int port() {
    return port;
  }

  CertificateFingerprint fingerprint() {
    return fingerprint;
  }

  /** Returns how an agent reaches this tenant: its URL and the pinned fingerprint. */
  TenantConnection connection() {
    return new TenantConnection(url, fingerprint, null);
  }

  /** Creates a pool and returns its first enrollment key. */
  String createPool(String name) throws IOException {
    return admin().createPool(name).enrollmentKey();
  }

  /**
   * Returns true when a tenant request thread in this JVM waits in a long poll for the next
   * job, that is, inside {@link Dispatcher#next}, until a job is queued or the poll times out.
   */
  static boolean hasWaitingPoll() {
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      if (entry.getKey().getState() != Thread.State.TIMED_WAITING) {
        continue;
      }
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals(Dispatcher.class.getName())
            && frame.getMethodName().equals("next")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The HTTP status and body text of a raw call. */
  record RawResponse(int status, String body) {}

  /**
   * Posts {@code body} as JSON to {@code path}, with {@code credential} as the bearer token
   * unless it is null, and returns the response whatever its status.
   */
  RawResponse post(String path, Object body, String credential) throws IOException {
    Request.Builder request = new Request.Builder()
        .url(url + path)
        .post(RequestBody.create(Json.mapper().writeValueAsBytes(body), JSON));
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      ResponseBody responseBody = response.body();
      return new RawResponse(response.code(), responseBody == null ? "" : responseBody.string());
    }
  }

  /** Stops the server, if it runs, and the raw client's threads. */
  @Override
  public void close() {
    stop();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}

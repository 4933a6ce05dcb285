package io.bridgehead.tenant;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.bridgehead.tenant.http.AdminEndpoints;
import io.bridgehead.tenant.http.AgentEndpoints;
import io.bridgehead.tenant.http.Router;
import io.bridgehead.tenant.jobs.Dispatcher;
import io.bridgehead.tenant.security.PrivateFiles;
import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.Database;
import io.bridgehead.tenant.store.EventStore;
import io.bridgehead.tenant.store.JobStore;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.tenant.store.ReleaseStore;
import io.bridgehead.tenant.store.RolloutStore;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.tenant.tls.TenantCertificate;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference tenant: an HTTPS server for the agent API and the admin API over an embedded
 * database. Usage:
 *
 * <pre>{@code
 * try (TenantServer tenant = TenantServer.start(TenantSettings.defaults(folder))) {
 *   String url = tenant.url();  // https://127.0.0.1:8443
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops it within about two seconds, ending long polls early.
 */
public final class TenantServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TenantServer.class);
  static {
    // The JDK's HTTP server leaves Nagle's algorithm on unless configured otherwise, and each small
    // response then waited about 45 ms for the client's delayed acknowledgement: the dispatch
    // benchmark's median fell from about 98 ms to about 15 ms with it off. The server reads
    // the property once, when its classes load, so it is set before any server is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    // A client gets 30 s to send a request's line and headers, so a slow sender cannot hold a
    // connection for ever. The JDK server does not count the body: a large upload may take
    // longer.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", "30");
    }
  }

  /** The maximum number of request threads; each waiting long poll occupies one. */
  private static final int MAX_REQUEST_THREADS = 256;
  /** The maximum number of requests waiting for a free request thread. */
  private static final int MAX_QUEUED_REQUESTS = 4096;

  private final HttpsServer server;
  private final ThreadPoolExecutor requestThreads;
  private final ScheduledExecutorService sweeper;
  private final Database database;
  private final Path dataFolder;
  private final String url;
  private final CertificateFingerprint fingerprint;
  private final String adminToken;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TenantServer(HttpsServer server, ThreadPoolExecutor requestThreads,
      ScheduledExecutorService sweeper, Database database, Path dataFolder,
      CertificateFingerprint fingerprint, String adminToken) {
    this.server = server;
    this.requestThreads = requestThreads;
    this.sweeper = sweeper;
    this.database = database;
    this.dataFolder = dataFolder;
    this.fingerprint = fingerprint;
    this.adminToken = adminToken;
    InetSocketAddress address = server.getAddress();
    // Bound to every address, the tenant is reached locally through loopback, which its
    // certificate names.
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
        : address.getAddress().getHostAddress();
    this.url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + address.getPort();
  }

  /** Starts a tenant: opens or makes its data, then listens. */
  public static TenantServer start(TenantSettings settings) throws IOException {
    return start(settings, Clock.systemUTC());
  }

  /**
   * Starts a tenant whose leases, offline threshold, key expiry and queue time-outs follow
   * {@code clock}; tests pass a clock they move by hand. Long-poll waits use real time.
   */
  static TenantServer start(TenantSettings settings, Clock clock) throws IOException {
    Path folder = settings.dataFolder().toAbsolutePath();
    PrivateFiles.createFolder(folder);
    TenantCertificate certificate =
        TenantCertificate.loadOrCreate(folder, settings.extraCertificateNames());
    String adminToken = loadOrCreateAdminToken(folder);
    Database database = Database.open(folder.resolve("tenant.db"));
    try {
      return listen(settings, clock, folder, certificate, adminToken, database);
    } catch (IOException | RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static TenantServer listen(TenantSettings settings, Clock clock, Path folder,
      TenantCertificate certificate, String adminToken, Database database) throws IOException {
    InetSocketAddress address = new InetSocketAddress(
        InetAddress.getByName(settings.bindAddress()), settings.port());
    HttpsServer server;
    try {
      server = HttpsServer.create(address, 128);
      server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    } catch (java.net.BindException e) {
      throw new IOException("cannot listen on " + settings.bindAddress() + ":" + settings.port()
          + ": " + e.getMessage() + "; another program uses the port, so choose another"
          + " with --port", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
    PoolStore pools = new PoolStore(database);
    EventStore events = new EventStore(database);
    AgentStore agents = new AgentStore(database, pools, events);
    JobStore jobs = new JobStore(database);
    Dispatcher dispatcher = new Dispatcher(database, jobs, agents, pools, events, clock,
        settings.dispatch());
    ReleaseStore releases = new ReleaseStore(database, folder);
    releases.removeLeftovers();
    RolloutStore rollouts = new RolloutStore(database, pools, agents, releases, events,
        settings.updates().rolloutTimeout());

    String enrollmentUrl = enrollmentUrl(server.getAddress(), settings.extraCertificateNames());
    Router router = new Router();
    new AgentEndpoints(pools, agents, dispatcher, releases, rollouts, clock).register(router);
    new AdminEndpoints(adminToken, pools, agents, jobs, events, dispatcher, releases, rollouts,
        settings.updates(), clock, enrollmentUrl, certificate.fingerprint().hex())
        .register(router);

    // Requests beyond the threads wait in a bounded queue. Running them on the caller would
    // stall the JDK server's single dispatcher thread, and with it every connection.
    ThreadPoolExecutor requestThreads = new ThreadPoolExecutor(MAX_REQUEST_THREADS,
        MAX_REQUEST_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_QUEUED_REQUESTS),
        named("tenant-request"));
    requestThreads.allowCoreThreadTimeOut(true);
    dispatcher.extendLeasesAfterStart();
    server.setExecutor(requestThreads);
    server.createContext("/", router);
    server.start();

    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(named("tenant-sweeper"));
    long interval = settings.dispatch().sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(() -> sweep(dispatcher, agents, rollouts, clock), interval,
        interval, TimeUnit.MILLISECONDS);

    TenantServer tenant = new TenantServer(server, requestThreads, sweeper, database, folder,
        certificate.fingerprint(), adminToken);
    new TenantInfo(tenant.url(), tenant.fingerprint().hex(), ProcessHandle.current().pid())
        .write(folder);
    log.info("Tenant listening on {} with certificate fingerprint {}; data in {}",
        tenant.url(), tenant.fingerprint(), folder);
    log.info("Release packages must be signed with the key of fingerprint {}; packages up to"
        + " {} bytes", ReleaseKeys.fingerprint(settings.updates().releaseKey()),
        settings.updates().maxPackageBytes());
    return tenant;
  }

  private static void sweep(Dispatcher dispatcher, AgentStore agents, RolloutStore rollouts,
      Clock clock) {
    try {
      dispatcher.sweepLapsedLeases();
      dispatcher.sweepQueueTimeouts();
      agents.sweepOffline(clock.instant());
      rollouts.sweepTimeouts(clock.instant());
    } catch (RuntimeException e) {
      log.error("Looking for lapsed leases, queue time-outs, offline agents and update"
          + " time-outs failed; retrying at the next interval", e);
    }
  }

  /**
   * Returns the tenant's base URL as enrollment strings give it to agents: the bound address,
   * unless the tenant listens on every address. Then it has no one address to give, so it
   * uses the first extra certificate name, else this host's name.
   */
  private static String enrollmentUrl(InetSocketAddress address, List<String> extraNames) {
    InetAddress bound = address.getAddress();
    String host;
    if (!bound.isAnyLocalAddress()) {
      host = bound.getHostAddress();
    } else if (!extraNames.isEmpty()) {
      host = extraNames.get(0);
    } else {
      host = localHostName();
    }
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + address.getPort();
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      log.warn("Cannot find this host's name ({}); enrollment strings name 127.0.0.1, so"
          + " start the tenant with --name HOST for agents on other hosts", e.toString());
      return "127.0.0.1";
    }
  }

  private static String loadOrCreateAdminToken(Path folder) throws IOException {
    Path file = folder.resolve(TenantInfo.ADMIN_TOKEN_FILE);
    if (Files.exists(file)) {
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!token.isEmpty()) {
        return token;
      }
    }
    String token = Secrets.newSecret("bha_");
    PrivateFiles.write(file, token.getBytes(StandardCharsets.UTF_8));
    log.info("Made a new admin token in {}", file);
    return token;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public String url() {
    return url;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public CertificateFingerprint fingerprint() {
    return fingerprint;
  }

  public String adminToken() {
    return adminToken;
  }

  public Path dataFolder() {
    return dataFolder;
  }

  /**
   * Stops listening, ends the long polls in progress and closes the database. A second call
   * does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Tenant stopping");
    sweeper.shutdownNow();
    // The JDK server's stop(delay) waits out the whole delay while exchanges are open, and
    // long polls keep some open. So the polls are interrupted first and the server stops at
    // once; clients retry any request cut off here.
    requestThreads.shutdownNow();
    server.stop(0);
    try {
      if (!requestThreads.awaitTermination(2, TimeUnit.SECONDS)) {
        log.warn("Some requests were still running 2 s after stop; closing the database anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
    try {
      new TenantInfo(url, fingerprint.hex(), 0).write(dataFolder);
    } catch (IOException e) {
      log.warn("Could not mark {} stopped: {}", dataFolder.resolve(TenantInfo.FILE_NAME),
          e.toString());
    }
    log.info("Tenant stopped");
  }
}

package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.ReleaseView;
import io.bridgehead.tenant.admin.SetVersionRequest;
import io.bridgehead.tenant.admin.SetWindowRequest;
import io.bridgehead.tenant.admin.UpdateRetried;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.Event;
import io.bridgehead.tenant.store.EventStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.tenant.store.Release;
import io.bridgehead.tenant.store.ReleaseStore;
import io.bridgehead.tenant.store.RolloutStore;
import io.bridgehead.wire.UpdateWindow;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The update channel's part of the admin API: publishing, listing and deleting releases under
 * {@code /admin/v1/releases}, a pool's target version and update window, and letting an agent
 * retry an update that failed.
 */
final class UpdateAdminEndpoints {
  private static final Logger log = LoggerFactory.getLogger(UpdateAdminEndpoints.class);
  /** A version in a path; {@link ReleaseManifest#checkVersion} has the exact rule. */
  static final String VERSION = "([0-9A-Za-z.+-]{1,64})";
  private static final String RELEASE = AdminApi.RELEASES + "/" + VERSION;
  private static final String POOL = AdminApi.POOLS + "/([^/]{1,64})";
  private static final String AGENT = AdminApi.AGENTS + "/([A-Za-z0-9_-]{1,64})";

  private final PoolStore pools;
  private final AgentStore agents;
  private final EventStore events;
  private final ReleaseStore releases;
  private final RolloutStore rollouts;
  private final UpdateSettings settings;
  private final PoolEndpoints poolEndpoints;
  private final Clock clock;

  UpdateAdminEndpoints(PoolStore pools, AgentStore agents, EventStore events,
      ReleaseStore releases, RolloutStore rollouts, UpdateSettings settings,
      PoolEndpoints poolEndpoints, Clock clock) {
    this.pools = pools;
    this.agents = agents;
    this.events = events;
    this.releases = releases;
    this.rollouts = rollouts;
    this.settings = settings;
    this.poolEndpoints = poolEndpoints;
    this.clock = clock;
  }

  void register(Router router, UnaryOperator<Router.Route> authorized) {
    router.add("POST", AdminApi.RELEASES, authorized.apply((exchange, path) ->
            publish(exchange)))
        .add("GET", AdminApi.RELEASES, authorized.apply((exchange, path) -> list(exchange)))
        .add("DELETE", RELEASE, authorized.apply(this::delete))
        .add("POST", POOL + "/target-version", authorized.apply(this::setVersion))
        .add("POST", POOL + "/update-window", authorized.apply(this::setWindow))
        .add("POST", AGENT + "/retry-update", authorized.apply(this::retry));
  }

  /**
   * Streams the body to a file in the release folder while counting and hashing it, verifies
   * the package against the release key, then moves it into place.
   */
  private void publish(HttpExchange exchange) throws ApiException, IOException {
    long limit = settings.maxPackageBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && isOverLimit(declared, limit)) {
      throw tooLarge("is " + declared.trim() + " bytes, larger", limit);
    }
    Path upload = releases.newUploadFile();
    try {
      MessageDigest digest = sha256();
      long size = receive(exchange, upload, digest, limit);
      if (size == 0) {
        throw ApiException.badRequest("the request body is empty; send the release package"
            + " file that 'bridgehead release build' made");
      }
      ReleaseManifest manifest = verified(upload, limit);
      String sha256 = HexFormat.of().formatHex(digest.digest());
      ReleaseStore.PublishOutcome outcome =
          releases.publish(upload, manifest, size, sha256, clock.instant());
      Release release = outcome.release();
      switch (outcome.status()) {
        case CONFLICT -> throw new ApiException(409, "release_exists", "version "
            + release.version() + " is published already with another package (SHA-256 "
            + release.sha256() + "). Agents must get the same files for one version, so build"
            + " this package with a new version, or delete " + release.version() + " first"
            + " with 'bridgehead tenant release delete " + release.version() + "'");
        case UNCHANGED -> Exchanges.sendJson(exchange, 200, view(release));
        default -> {
          log.info("Published release {}: {} bytes, SHA-256 {}", release.version(), size,
              sha256);
          events.record(Event.Kind.RELEASE_PUBLISHED, null, null, null, "release "
              + release.version() + " was published: " + size + " bytes, "
              + manifest.files().size() + " files, SHA-256 " + sha256, clock.instant());
          Exchanges.sendJson(exchange, 201, view(release));
        }
      }
    } finally {
      Files.deleteIfExists(upload);
    }
  }

  private static boolean isOverLimit(String declared, long limit) throws ApiException {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("header Content-Length is '" + declared + "', not a"
          + " number of bytes");
    }
  }

  /** Copies the request body to {@code file} and returns its size, up to {@code limit}. */
  private static long receive(HttpExchange exchange, Path file, MessageDigest digest,
      long limit) throws ApiException, IOException {
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = exchange.getRequestBody();
         OutputStream out = Files.newOutputStream(file)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        size += read;
        if (size > limit) {
          throw tooLarge("is larger", limit);
        }
        digest.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    }
    return size;
  }

  /**
   * Returns the 413 error.
   *
   * @param size the words on the package's size that come before "than the limit"
   */
  private static ApiException tooLarge(String size, long limit) {
    long mebibyte = 1024 * 1024;
    String readable = limit % mebibyte == 0 ? " (" + limit / mebibyte + " MiB)" : "";
    return new ApiException(413, "package_too_large", "the release package " + size
        + " than the tenant's limit of " + limit + " bytes" + readable + "; start the tenant"
        + " with a larger --max-package-size if the package is right");
  }

  private ReleaseManifest verified(Path upload, long limit) throws ApiException, IOException {
    try {
      return PackageVerifier.verify(upload, settings.releaseKey(), limit);
    } catch (PackageException e) {
      String reason = e.reason().name().toLowerCase(Locale.ROOT);
      log.warn("Rejected a release package ({}): {}", reason, e.getMessage());
      // 422: the request is well formed, but the tenant will not keep this package.
      int status = e.reason() == PackageException.Reason.TOO_LARGE ? 413 : 422;
      throw new ApiException(status, "package_rejected", "release package rejected ("
          + reason + "): " + e.getMessage());
    }
  }

  private void list(HttpExchange exchange) throws IOException {
    List<ReleaseView> views = releases.list().stream().map(this::view)
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void delete(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    String version = validVersion(path.group(1));
    ReleaseStore.DeleteOutcome outcome = releases.delete(version);
    if (outcome.release() == null) {
      throw unknownRelease(version);
    }
    if (!outcome.targetingPools().isEmpty()) {
      throw new ApiException(409, "release_in_use", "release " + version + " is the target"
          + " version of pool(s) " + String.join(", ", outcome.targetingPools()) + "; point"
          + " them at another version first with 'bridgehead tenant pool set-version NAME"
          + " VERSION|none'");
    }
    log.info("Deleted release {}", version);
    events.record(Event.Kind.RELEASE_DELETED, null, null, null, "release " + version
        + " was deleted", clock.instant());
    Exchanges.sendJson(exchange, 200, view(outcome.release()));
  }

  private void setVersion(HttpExchange exchange, Matcher path) throws ApiException,
      IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    SetVersionRequest request = Exchanges.readJson(exchange, SetVersionRequest.class);
    String version = request.version() == null ? null : validVersion(request.version());
    if (!rollouts.setTarget(pool, version, clock.instant())) {
      throw unknownRelease(version);
    }
    log.info("Pool {} targets version {} now", pool.name(), version == null ? "none"
        : version);
    Exchanges.sendJson(exchange, 200, poolEndpoints.view(pools.find(pool.id()).orElseThrow(),
        clock.instant()));
  }

  private void setWindow(HttpExchange exchange, Matcher path) throws ApiException,
      IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    SetWindowRequest request = Exchanges.readJson(exchange, SetWindowRequest.class);
    UpdateWindow window = null;
    if (request.window() != null && !request.window().trim().equalsIgnoreCase("any")) {
      try {
        window = UpdateWindow.parse(request.window());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    rollouts.setWindow(pool, window, clock.instant());
    log.info("Pool {} has update window {} now", pool.name(), window == null ? "any"
        : window);
    Exchanges.sendJson(exchange, 200, poolEndpoints.view(pools.find(pool.id()).orElseThrow(),
        clock.instant()));
  }

  private void retry(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    String agentId = path.group(1);
    Agent agent = agents.find(agentId).orElseThrow(() -> ApiException.notFound("agent '"
        + agentId + "' not found; list the agents with 'bridgehead tenant agents'"));
    List<String> versions = rollouts.retry(agent, clock.instant());
    log.info("Agent {} may retry updates to {}", agentId, versions);
    Exchanges.sendJson(exchange, 200, new UpdateRetried(agent.id(), agent.hostName(),
        versions));
  }

  private ReleaseView view(Release release) {
    ReleaseManifest manifest = release.manifest();
    return new ReleaseView(release.version(), release.size(), release.sha256(),
        release.publishedAt(), manifest.created(), manifest.files().size(),
        manifest.totalSize(), releases.targetingPools(release.version()));
  }

  private static String validVersion(String version) throws ApiException {
    try {
      return ReleaseManifest.checkVersion(version);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static ApiException unknownRelease(String version) {
    return ApiException.notFound("release " + version + " not found; list the published"
        + " releases with 'bridgehead tenant release list', or publish it with 'bridgehead"
        + " tenant release publish FILE'");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }
}

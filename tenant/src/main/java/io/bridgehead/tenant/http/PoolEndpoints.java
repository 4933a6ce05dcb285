package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.CreateKeyRequest;
import io.bridgehead.tenant.admin.CreatePoolRequest;
import io.bridgehead.tenant.admin.EnrollmentKeyInfo;
import io.bridgehead.tenant.admin.EnrollmentKeyView;
import io.bridgehead.tenant.admin.PoolDeleted;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.RenamePoolRequest;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.EnrollmentKey;
import io.bridgehead.tenant.store.JobStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.tenant.store.RolloutStore;
import io.bridgehead.wire.EnrollmentString;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool part of the admin API: pools, the default pool and enrollment keys, under
 * {@code /admin/v1/pools} and {@code /admin/v1/keys}.
 */
final class PoolEndpoints {
  private static final Logger log = LoggerFactory.getLogger(PoolEndpoints.class);

  /** The validity of a new enrollment key when the request names none: 24 hours. */
  static final Duration DEFAULT_KEY_VALIDITY = Duration.ofHours(24);
  /** The maximum validity of a key: 30 days. */
  static final Duration MAX_KEY_VALIDITY = Duration.ofDays(30);
  /** The maximum number of agents one key may enroll. */
  static final int MAX_KEY_USES = 1000;

  private static final String POOL = AdminApi.POOLS + "/([^/]{1,64})";
  private static final String KEY = AdminApi.KEYS + "/([A-Za-z0-9_-]{1,64})";

  private final PoolStore pools;
  private final AgentStore agents;
  private final JobStore jobs;
  private final RolloutStore rollouts;
  private final Clock clock;
  private final String tenantUrl;
  private final String fingerprint;

  PoolEndpoints(PoolStore pools, AgentStore agents, JobStore jobs, RolloutStore rollouts,
      Clock clock, String tenantUrl, String fingerprint) {
    this.pools = pools;
    this.agents = agents;
    this.jobs = jobs;
    this.rollouts = rollouts;
    this.clock = clock;
    this.tenantUrl = tenantUrl;
    this.fingerprint = fingerprint;
  }

  void register(Router router, UnaryOperator<Router.Route> authorized) {
    router.add("GET", AdminApi.POOLS, authorized.apply((exchange, path) -> list(exchange)))
        .add("POST", AdminApi.POOLS, authorized.apply((exchange, path) -> create(exchange)))
        .add("DELETE", POOL, authorized.apply(this::delete))
        .add("POST", POOL + "/rename", authorized.apply(this::rename))
        .add("POST", POOL + "/default", authorized.apply(this::setDefault))
        .add("POST", POOL + "/keys", authorized.apply(this::createKey))
        .add("GET", POOL + "/keys", authorized.apply(this::listKeys))
        .add("POST", KEY + "/revoke", authorized.apply(this::revokeKey));
  }

  private void list(HttpExchange exchange) throws IOException {
    Instant now = clock.instant();
    List<PoolView> views = pools.list().stream().map(pool -> view(pool, now))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  PoolView view(Pool pool, Instant now) {
    List<Agent> members = agents.listByPool(pool.id());
    List<AgentView> memberViews = members.stream()
        .map(agent -> AdminRequests.agentView(agent, pool.name(), now))
        .collect(Collectors.toList());
    int online = (int) members.stream()
        .filter(agent -> agent.state(now) == Agent.State.ONLINE)
        .count();
    String updatingAgent = rollouts.rollout(pool.id()).map(RolloutStore.Rollout::agentId)
        .orElse(null);
    return new PoolView(pool.name(), members.size(), online, jobs.countUnfinished(pool.id()),
        pool.isDefault(), memberViews, pool.targetVersion(), pool.updateWindow(),
        updatingAgent);
  }

  private void create(HttpExchange exchange) throws ApiException, IOException {
    CreatePoolRequest request = Exchanges.readJson(exchange, CreatePoolRequest.class);
    String name = AdminRequests.validPoolName(request.name());
    int uses = validUses(request.uses());
    Duration validFor = validValidity(request.validForSeconds());
    Pool pool = pools.create(name, clock.instant()).orElseThrow(() -> new ApiException(409,
        "pool_exists", "pool '" + name + "' exists already; to enroll another agent into it,"
            + " make a new key with 'bridgehead tenant pool create-key " + name + "'"));
    log.info("Created pool {}{}", name, pool.isDefault() ? " as the default pool" : "");
    Exchanges.sendJson(exchange, 201, newKey(pool, uses, validFor));
  }

  private void rename(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    RenamePoolRequest request = Exchanges.readJson(exchange, RenamePoolRequest.class);
    String newName = AdminRequests.validPoolName(request.name());
    if (!pools.rename(pool.id(), newName)) {
      throw new ApiException(409, "pool_exists", "cannot rename pool '" + pool.name()
          + "' to '" + newName + "': a pool of that name exists; choose another name");
    }
    log.info("Renamed pool {} to {}", pool.name(), newName);
    Exchanges.sendJson(exchange, 200, view(pools.find(pool.id()).orElseThrow(),
        clock.instant()));
  }

  private void setDefault(HttpExchange exchange, Matcher path) throws ApiException,
      IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    pools.setDefault(pool.id());
    log.info("Pool {} is the default pool now", pool.name());
    Exchanges.sendJson(exchange, 200, view(pools.find(pool.id()).orElseThrow(),
        clock.instant()));
  }

  private void delete(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    PoolStore.DeleteOutcome outcome = pools.delete(pool);
    String name = pool.name();
    switch (outcome.blocker()) {
      case LAST_POOL -> throw conflict("pool '" + name + "' is the only pool, and tasks"
          + " submitted without a pool go to it; create another pool first, make it the"
          + " default with 'bridgehead tenant pool set-default NAME', then delete this one");
      case DEFAULT_POOL -> throw conflict("pool '" + name + "' is the default pool; make"
          + " another pool the default first with 'bridgehead tenant pool set-default NAME'");
      case HAS_AGENTS -> throw conflict("pool '" + name + "' has " + outcome.agents()
          + " agent(s); remove them first with 'bridgehead tenant agent remove ID' (list"
          + " them with 'bridgehead tenant agents')");
      case HAS_UNFINISHED_JOBS -> throw conflict("pool '" + name + "' has "
          + outcome.unfinishedJobs() + " queued or running job(s); wait for them to finish"
          + " or cancel them with 'bridgehead tenant job cancel ID'");
      default -> {
        log.info("Deleted pool {} with {} finished jobs", name, outcome.deletedJobs());
        Exchanges.sendJson(exchange, 200, new PoolDeleted(name, outcome.deletedJobs()));
      }
    }
  }

  private static ApiException conflict(String message) {
    return new ApiException(409, "pool_in_use", message);
  }

  private void createKey(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    CreateKeyRequest request = Exchanges.readOptionalJson(exchange, CreateKeyRequest.class);
    int uses = validUses(request == null ? null : request.uses());
    Duration validFor = validValidity(request == null ? null : request.validForSeconds());
    Exchanges.sendJson(exchange, 201, newKey(pool, uses, validFor));
  }

  private EnrollmentKeyView newKey(Pool pool, int uses, Duration validFor) {
    PoolStore.NewKey key = pools.createEnrollmentKey(pool.id(), uses, validFor,
        clock.instant());
    EnrollmentKey stored = key.stored();
    log.info("Made enrollment key {} for pool {}: {} use(s), valid until {}", stored.id(),
        pool.name(), uses, stored.expiresAt());
    String enrollmentString = new EnrollmentString(tenantUrl, key.key(), fingerprint).encode();
    return new EnrollmentKeyView(pool.name(), key.key(), stored.expiresAt(), stored.id(), uses,
        enrollmentString);
  }

  private void listKeys(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Pool pool = AdminRequests.poolNamed(pools, path.group(1));
    Instant now = clock.instant();
    List<EnrollmentKeyInfo> views = pools.listKeys(pool.id()).stream()
        .map(key -> info(key, pool.name(), now))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void revokeKey(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    String keyId = path.group(1);
    EnrollmentKey key = pools.revokeKey(keyId, clock.instant()).orElseThrow(() ->
        ApiException.notFound("enrollment key '" + keyId + "' not found; list a pool's keys"
            + " with 'bridgehead tenant pool keys POOL'"));
    Map<String, String> names = pools.list().stream()
        .collect(Collectors.toMap(Pool::id, Pool::name));
    String poolName = names.getOrDefault(key.poolId(), key.poolId());
    log.info("Revoked enrollment key {} of pool {}", keyId, poolName);
    Exchanges.sendJson(exchange, 200, info(key, poolName, clock.instant()));
  }

  private static EnrollmentKeyInfo info(EnrollmentKey key, String poolName, Instant now) {
    return new EnrollmentKeyInfo(key.id(), poolName, key.createdAt(), key.expiresAt(),
        key.maxUses(), key.usesLeft(), key.revokedAt() != null, key.isUsable(now));
  }

  private static int validUses(Integer uses) throws ApiException {
    if (uses == null) {
      return 1;
    }
    if (uses < 1 || uses > MAX_KEY_USES) {
      throw ApiException.badRequest("field 'uses' is " + uses + "; use 1 to " + MAX_KEY_USES);
    }
    return uses;
  }

  private static Duration validValidity(Long seconds) throws ApiException {
    if (seconds == null) {
      return DEFAULT_KEY_VALIDITY;
    }
    if (seconds < 60 || seconds > MAX_KEY_VALIDITY.toSeconds()) {
      throw ApiException.badRequest("field 'validForSeconds' is " + seconds + "; use 60 to "
          + MAX_KEY_VALIDITY.toSeconds() + " (1 minute to 30 days)");
    }
    return Duration.ofSeconds(seconds);
  }
}

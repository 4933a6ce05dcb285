package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.TenantVersion;
import io.bridgehead.tenant.jobs.Dispatcher;
import io.bridgehead.tenant.jobs.LeaseLostException;
import io.bridgehead.tenant.jobs.UnknownJobException;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.tenant.store.ReleaseStore;
import io.bridgehead.tenant.store.RolloutStore;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.AgentTags;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.HeartbeatRequest;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.HelloResponse;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.LeaseRequest;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.PollRequest;
import io.bridgehead.wire.PoolListing;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent API, {@code /agent/v1}: a greeting without credential, enrollment, heartbeat, pool
 * listing, long poll, leases and results here, release downloads and update reports in
 * {@link AgentUpdateEndpoints}.
 */
public final class AgentEndpoints {
  private static final Logger log = LoggerFactory.getLogger(AgentEndpoints.class);
  private static final String JOB = AgentApi.PREFIX + "/jobs/([A-Za-z0-9_-]{1,64})";

  private final PoolStore pools;
  private final AgentStore agents;
  private final Dispatcher dispatcher;
  private final RolloutStore rollouts;
  private final AgentUpdateEndpoints updates;
  private final Clock clock;

  public AgentEndpoints(PoolStore pools, AgentStore agents, Dispatcher dispatcher,
      ReleaseStore releases, RolloutStore rollouts, Clock clock) {
    this.pools = pools;
    this.agents = agents;
    this.dispatcher = dispatcher;
    this.rollouts = rollouts;
    this.updates = new AgentUpdateEndpoints(releases, rollouts, clock);
    this.clock = clock;
  }

  /** Adds the agent API's routes to a router. */
  public void register(Router router) {
    router.add("POST", AgentApi.ENROLL, (exchange, path) -> enroll(exchange))
        .add("POST", AgentApi.HEARTBEAT, (exchange, path) -> heartbeat(exchange))
        .add("POST", AgentApi.NEXT_JOB, (exchange, path) -> next(exchange))
        .add("GET", AgentApi.POOLS, (exchange, path) -> listPools(exchange))
        .add("POST", AgentApi.GOODBYE, (exchange, path) -> goodbye(exchange))
        .add("GET", AgentApi.HELLO, (exchange, path) -> Exchanges.sendJson(exchange, 200,
            new HelloResponse(HelloResponse.SERVICE, TenantVersion.current())))
        .add("POST", JOB + "/accept", this::accept)
        .add("POST", JOB + "/lease", this::renew)
        .add("POST", JOB + "/result", this::result)
        .add("POST", JOB + "/logs", this::logs);
    updates.register(router, this::authenticate);
  }

  private void enroll(HttpExchange exchange) throws ApiException, IOException {
    EnrollRequest request = Exchanges.readJson(exchange, EnrollRequest.class);
    require(request.enrollmentKey(), "enrollmentKey");
    requireLabel(request.hostName(), "hostName", 253);
    requireLabel(request.version(), "version", 64);
    requireLabel(request.os(), "os", 200);
    if (request.roles() == null || request.roles().isEmpty()) {
      throw ApiException.badRequest("field 'roles' is missing or empty: name at least one of"
          + " access, automation, provisioning");
    }
    List<String> tags;
    try {
      tags = AgentTags.normalize(request.tags());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field 'tags': " + e.getMessage());
    }

    String powershellVersion = request.powershellVersion();
    if (powershellVersion != null && (powershellVersion.isBlank()
        || powershellVersion.length() > 64)) {
      throw ApiException.badRequest("field 'powershellVersion' must be 1 to 64 characters,"
          + " for example 7.4.1, or absent");
    }

    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    Optional<AgentStore.Enrollment> enrollment = agents.enroll(request.enrollmentKey(),
        new AgentStore.Description(request.hostName(), request.roles(), request.version(),
            request.os(), tags, powershellVersion), clock.instant());
    if (enrollment.isEmpty()) {
      log.warn("Rejected enrollment from host {} at {}: the enrollment key is unknown, used"
          + " already or expired, or was revoked", request.hostName(), address);
      throw new ApiException(401, AgentApi.INVALID_ENROLLMENT_KEY,
          "the enrollment key is unknown, used already or expired, or was revoked; make a new"
              + " key for the pool on the tenant (bridgehead tenant pool create-key POOL) and"
              + " enroll again");
    }
    AgentStore.Enrollment done = enrollment.get();
    log.info("Enrolled agent {} from host {} at {} into pool {} with roles {} and tags {}",
        done.agent().id(), request.hostName(), address, done.pool().name(), request.roles(),
        tags);
    Exchanges.sendJson(exchange, 200,
        new EnrollResponse(done.agent().id(), done.credential(), done.pool().name()));
  }

  private void heartbeat(HttpExchange exchange) throws ApiException, IOException {
    Agent agent = authenticate(exchange);
    HeartbeatRequest request = Exchanges.readJson(exchange, HeartbeatRequest.class);
    String agentVersion = request.version() == null ? agent.version() : request.version();
    ZoneId zone = timeZone(request.timeZone());
    Instant now = clock.instant();
    agents.touch(agent.id(), agentVersion, now);
    RolloutStore.Decision decision = rollouts.decide(agent, agentVersion, zone, now);
    Long size = decision.release() == null ? null : decision.release().size();
    String sha256 = decision.release() == null ? null : decision.release().sha256();
    Exchanges.sendJson(exchange, 200, new HeartbeatResponse(poolName(agent),
        decision.wantedVersion(), now, size, sha256, decision.updateWindow()));
  }

  private static ZoneId timeZone(String text) throws ApiException {
    if (text == null) {
      return null;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ApiException.badRequest("field 'timeZone' is '" + text + "', not a time zone;"
          + " send an IANA id such as Europe/Berlin, or leave it out");
    }
  }

  /**
   * Lists every pool with its count of online agents. The reference tenant lets an agent move
   * to any pool, so each one is listed; moving still needs that pool's enrollment key.
   */
  private void listPools(HttpExchange exchange) throws ApiException, IOException {
    authenticate(exchange);
    Instant now = clock.instant();
    List<PoolListing> listings = new ArrayList<>();
    for (Pool pool : pools.list()) {
      int online = (int) agents.listByPool(pool.id()).stream()
          .filter(member -> AdminEndpoints.isOnline(member, now))
          .count();
      listings.add(new PoolListing(pool.name(), online));
    }
    Exchanges.sendJson(exchange, 200, listings);
  }

  private void next(HttpExchange exchange)
      throws ApiException, IOException, InterruptedException {
    Agent agent = authenticate(exchange);
    PollRequest request = Exchanges.readJson(exchange, PollRequest.class);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (request.roles() != null) {
      roles.addAll(request.roles());
    }
    if (roles.isEmpty() || !agent.roles().containsAll(roles)) {
      throw ApiException.badRequest("field 'roles' must name at least one role and only roles"
          + " the agent enrolled with (" + agent.roles() + "), not " + request.roles());
    }
    if (request.waitSeconds() < 0) {
      throw ApiException.badRequest("field 'waitSeconds' is " + request.waitSeconds()
          + "; use 0 or more");
    }
    if (agent.disabled()) {
      throw new ApiException(403, AgentApi.AGENT_DISABLED, "agent " + agent.id()
          + " is disabled on the tenant, so it gets no new jobs; it may finish the jobs it"
          + " runs. An operator enables it again with 'bridgehead tenant agent enable "
          + agent.id() + "'");
    }
    agents.touch(agent.id(), agent.version(), clock.instant());
    Optional<JobOffer> offer =
        dispatcher.next(agent, instanceId(exchange), roles,
            Duration.ofSeconds(request.waitSeconds()));
    if (offer.isPresent()) {
      Exchanges.sendJson(exchange, 200, offer.get());
    } else {
      Exchanges.sendNoContent(exchange);
    }
  }

  private void accept(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Agent agent = authenticate(exchange);
    LeaseRequest request = Exchanges.readJson(exchange, LeaseRequest.class);
    require(request.leaseId(), "leaseId");
    try {
      Exchanges.sendJson(exchange, 200, dispatcher.accept(agent, path.group(1),
          request.leaseId()));
    } catch (UnknownJobException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (LeaseLostException e) {
      throw new ApiException(409, AgentApi.LEASE_LOST, e.getMessage());
    }
  }

  private void renew(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Agent agent = authenticate(exchange);
    LeaseRequest request = Exchanges.readJson(exchange, LeaseRequest.class);
    require(request.leaseId(), "leaseId");
    try {
      Exchanges.sendJson(exchange, 200, dispatcher.renew(agent, path.group(1),
          request.leaseId()));
    } catch (UnknownJobException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (LeaseLostException e) {
      throw new ApiException(409, AgentApi.LEASE_LOST, e.getMessage());
    }
  }

  private void result(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Agent agent = authenticate(exchange);
    JobResult result = Exchanges.readJson(exchange, JobResult.class);
    require(result.leaseId(), "leaseId");
    if (result.outcome() == null) {
      throw ApiException.badRequest("field 'outcome' is missing: use succeeded, failed,"
          + " timed_out or cancelled");
    }
    try {
      dispatcher.complete(agent, path.group(1), result);
      Exchanges.sendNoContent(exchange);
    } catch (UnknownJobException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (LeaseLostException e) {
      throw new ApiException(409, AgentApi.LEASE_LOST, e.getMessage());
    }
  }

  private void logs(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Agent agent = authenticate(exchange);
    LogBatch batch = Exchanges.readJson(exchange, LogBatch.class);
    require(batch.leaseId(), "leaseId");
    if (batch.lines() == null || batch.lines().stream().anyMatch(
        line -> line == null || line.text() == null || line.stream() == null
            || line.at() == null || line.sequence() < 0)) {
      throw ApiException.badRequest("field 'lines' must be a list of lines, each with"
          + " 'sequence' (0 or more), 'at', 'stream' and 'text'");
    }
    try {
      dispatcher.appendLogs(agent, path.group(1), batch);
      Exchanges.sendNoContent(exchange);
    } catch (UnknownJobException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (LeaseLostException e) {
      throw new ApiException(409, AgentApi.LEASE_LOST, e.getMessage());
    }
  }

  /** Ends the calling process's instance, so that the agent's next process starts at once. */
  private void goodbye(HttpExchange exchange) throws ApiException, IOException {
    Agent agent = authenticate(exchange);
    String instance = instanceId(exchange);
    if (instance != null && agents.endInstance(agent.id(), instance)) {
      log.info("Agent {} instance {} ended with a goodbye request", agent.id(), instance);
    }
    // The process's long poll may still wait here: its closed connection shows nowhere.
    dispatcher.endPolls(agent.id(), instance);
    Exchanges.sendNoContent(exchange);
  }

  /**
   * Checks the credential and the {@link AgentApi#INSTANCE_HEADER}, and records the contact.
   *
   * @return the agent as it was before this request
   * @throws ApiException 401 for a missing or invalid credential, 409 when another instance
   *     of the agent is active
   */
  private Agent authenticate(HttpExchange exchange) throws ApiException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    Optional<Agent> found = Optional.empty();
    if (header != null && header.startsWith("Bearer ")) {
      found = agents.authenticate(header.substring(7).trim());
    }
    if (found.isEmpty()) {
      throw new ApiException(401, AgentApi.INVALID_CREDENTIAL,
          "the agent credential is missing or not valid; if the agent was removed from the"
              + " tenant, enroll it again with a new enrollment key");
    }
    Agent agent = found.get();
    String instance = instanceId(exchange);
    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    AgentStore.Contact contact = agents.contact(agent.id(), instance, address, clock.instant());
    Agent before = contact.before();
    switch (contact.outcome()) {
      case CLONED -> {
        log.warn("Rejected a request from instance {} at {} for agent {}: instance {} at {} is"
            + " active", instance, address, agent.id(), before.activeInstance(),
            before.instanceAddress());
        throw new ApiException(409, AgentApi.AGENT_CLONED, "another process uses the"
            + " credential of agent " + agent.id() + ": instance " + before.activeInstance()
            + " at address " + before.instanceAddress() + " (the agent enrolled from host "
            + before.hostName() + "), last contact " + before.instanceSeenAt() + ". A cloned"
            + " server or a copied data folder causes this. To run this copy as an agent of"
            + " its own, enroll it again with a new enrollment key ('bridgehead tenant pool"
            + " create-key POOL', then 'bridgehead agent enroll'); if the other process has"
            + " stopped, this one is accepted once the other has been silent for "
            + Agent.OFFLINE_THRESHOLD.toSeconds() + " s");
      }
      case TOOK_OVER -> log.info("Agent {} instance {} at {} took over from instance {}, silent"
          + " since {}", agent.id(), instance, address, before.activeInstance(),
          before.instanceSeenAt());
      default -> {
        // The active instance, or a request without an instance id.
      }
    }
    return before;
  }

  /** Returns the request's instance id, or null when it has none. */
  private static String instanceId(HttpExchange exchange) throws ApiException {
    String instance = exchange.getRequestHeaders().getFirst(AgentApi.INSTANCE_HEADER);
    if (instance == null) {
      return null;
    }
    String trimmed = instance.trim();
    if (trimmed.isEmpty() || trimmed.length() > 128 || !trimmed.matches("[\\x21-\\x7E]+")) {
      throw ApiException.badRequest("header " + AgentApi.INSTANCE_HEADER + " must be 1 to 128"
          + " visible ASCII characters, a random id the agent process makes at start");
    }
    return trimmed;
  }

  private String poolName(Agent agent) {
    return pools.find(agent.poolId()).map(Pool::name).orElse(agent.poolId());
  }

  /**
   * Checks a text the tenant shows operators and writes to its log: present, at most
   * {@code maxLength} characters, and free of control characters, which could forge log lines
   * or drive a terminal that prints the agent list.
   */
  private static void requireLabel(String value, String field, int maxLength)
      throws ApiException {
    require(value, field);
    if (value.length() > maxLength) {
      throw ApiException.badRequest("field '" + field + "' is " + value.length()
          + " characters long; the limit is " + maxLength);
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("field '" + field + "' contains control characters;"
          + " send printable text");
    }
  }

  private static void require(String value, String field) throws ApiException {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("field '" + field + "' is missing or empty");
    }
  }
}

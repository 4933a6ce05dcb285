package io.bridgehead.tenant.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.jobs.Dispatcher;
import io.bridgehead.tenant.jobs.UnknownJobException;
import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.EventStore;
import io.bridgehead.tenant.store.Job;
import io.bridgehead.tenant.store.JobStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.tenant.store.ReleaseStore;
import io.bridgehead.tenant.store.RolloutStore;
import io.bridgehead.wire.AgentTags;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.TaskSpec;
import io.bridgehead.wire.TaskVariables;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * The admin API, {@code /admin/v1}: jobs here, pools and enrollment keys in
 * {@link PoolEndpoints}, agents and events in {@link AgentAdminEndpoints}, releases and
 * rollouts in {@link UpdateAdminEndpoints}. Every route checks the admin token first.
 */
public final class AdminEndpoints {
  /** How long an agent may be silent before it is listed offline; see {@link Agent}. */
  public static final Duration OFFLINE_AFTER = Agent.OFFLINE_THRESHOLD;
  /** The maximum queue time-out of a task: 7 days. */
  public static final long MAX_QUEUE_TIMEOUT_SECONDS = 7 * 24 * 3600;
  /** The maximum time limit of a task: 24 hours. */
  public static final int MAX_TIME_LIMIT_SECONDS = 24 * 3600;
  /** The largest output cap a task may ask for, per stream: 4 MiB. */
  public static final long MAX_OUTPUT_CAP_BYTES = 4L * 1024 * 1024;
  /** The maximum time a job request waits for the job to finish: 5 minutes. */
  private static final long MAX_WAIT_SECONDS = 300;

  private static final String JOB = AdminApi.JOBS + "/([A-Za-z0-9_-]{1,64})";

  private final String adminToken;
  private final PoolStore pools;
  private final JobStore jobs;
  private final Dispatcher dispatcher;
  private final PoolEndpoints poolEndpoints;
  private final AgentAdminEndpoints agentEndpoints;
  private final UpdateAdminEndpoints updateEndpoints;

  /**
   * Makes the admin API.
   *
   * @param tenantUrl the URL that enrollment strings give agents
   * @param fingerprint the tenant certificate's fingerprint, for enrollment strings
   */
  public AdminEndpoints(String adminToken, PoolStore pools, AgentStore agents, JobStore jobs,
      EventStore events, Dispatcher dispatcher, ReleaseStore releases, RolloutStore rollouts,
      UpdateSettings updateSettings, Clock clock, String tenantUrl, String fingerprint) {
    this.adminToken = adminToken;
    this.pools = pools;
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.poolEndpoints = new PoolEndpoints(pools, agents, jobs, rollouts, clock, tenantUrl,
        fingerprint);
    this.agentEndpoints = new AgentAdminEndpoints(pools, agents, events, clock);
    this.updateEndpoints = new UpdateAdminEndpoints(pools, agents, events, releases, rollouts,
        updateSettings, poolEndpoints, clock);
  }

  /** Adds the admin API's routes to a router; each checks the admin token first. */
  public void register(Router router) {
    poolEndpoints.register(router, this::authorized);
    agentEndpoints.register(router, this::authorized);
    updateEndpoints.register(router, this::authorized);
    router.add("GET", AdminApi.JOBS, authorized((exchange, path) -> listJobs(exchange)))
        .add("POST", AdminApi.JOBS, authorized((exchange, path) -> submit(exchange)))
        .add("GET", JOB, authorized(this::getJob))
        .add("POST", JOB + "/cancel", authorized(this::cancel))
        .add("GET", JOB + "/logs", authorized(this::jobLogs));
  }

  private Router.Route authorized(Router.Route route) {
    return (exchange, path) -> {
      String header = exchange.getRequestHeaders().getFirst("Authorization");
      String presented = header != null && header.startsWith("Bearer ")
          ? header.substring(7).trim() : "";
      if (!Secrets.matches(presented, Secrets.hash(adminToken))) {
        throw new ApiException(401, "invalid_admin_token", "the admin token is missing or"
            + " wrong; it is in the file admin-token in the tenant's data folder");
      }
      route.handle(exchange, path);
    };
  }

  private void listJobs(HttpExchange exchange) throws ApiException, IOException {
    int limit = AdminRequests.intParameter(exchange, "limit", 50, 1, 1000);
    Map<String, String> poolNames = pools.list().stream()
        .collect(Collectors.toMap(Pool::id, Pool::name));
    List<JobView> views = jobs.listRecent(limit).stream()
        .map(job -> view(job, poolNames.getOrDefault(job.poolId(), "?")))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void submit(HttpExchange exchange) throws ApiException, IOException {
    SubmitTaskRequest request = Exchanges.readJson(exchange, SubmitTaskRequest.class);
    Pool pool = request.pool() == null ? defaultPool()
        : AdminRequests.poolNamed(pools, request.pool());
    TaskSpec task = validTask(request.task());
    List<String> requiredTags;
    try {
      requiredTags = AgentTags.normalize(request.requiredTags());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field 'requiredTags': " + e.getMessage());
    }
    Duration queueTimeout = dispatcher.settings().defaultQueueTimeout();
    if (request.queueTimeoutSeconds() != null) {
      long seconds = request.queueTimeoutSeconds();
      if (seconds < 1 || seconds > MAX_QUEUE_TIMEOUT_SECONDS) {
        throw ApiException.badRequest("field 'queueTimeoutSeconds' is " + seconds + "; use 1"
            + " to " + MAX_QUEUE_TIMEOUT_SECONDS + " (7 days)");
      }
      queueTimeout = Duration.ofSeconds(seconds);
    }
    int maxAttempts = request.maxAttempts() == null
        ? dispatcher.settings().defaultMaxAttempts() : request.maxAttempts();
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw ApiException.badRequest("field 'maxAttempts' is " + maxAttempts
          + "; use 1 to 100 (1 means the job never runs twice)");
    }
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, task, maxAttempts, requiredTags,
        queueTimeout);
    Exchanges.sendJson(exchange, 201, view(job, pool.name()));
  }

  private Pool defaultPool() throws ApiException {
    return pools.findDefault().orElseThrow(() -> ApiException.notFound("no pool exists, so"
        + " a task without a pool has nowhere to go; create one with 'bridgehead tenant pool"
        + " create NAME'"));
  }

  private void getJob(HttpExchange exchange, Matcher path)
      throws ApiException, IOException, InterruptedException {
    long waitSeconds = AdminRequests.intParameter(exchange, "waitSeconds", 0, 0,
        (int) MAX_WAIT_SECONDS);
    try {
      Job job = dispatcher.awaitFinished(path.group(1), Duration.ofSeconds(waitSeconds));
      String poolName = pools.find(job.poolId()).map(Pool::name).orElse("?");
      Exchanges.sendJson(exchange, 200, view(job, poolName));
    } catch (UnknownJobException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }

  private void cancel(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    try {
      Job job = dispatcher.cancel(path.group(1), "cancelled by an operator");
      String poolName = pools.find(job.poolId()).map(Pool::name).orElse("?");
      Exchanges.sendJson(exchange, 200, view(job, poolName));
    } catch (UnknownJobException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }

  private void jobLogs(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    String jobId = path.group(1);
    if (jobs.find(jobId).isEmpty()) {
      throw ApiException.notFound("job '" + jobId + "' not found");
    }
    Exchanges.sendJson(exchange, 200, jobs.logs(jobId));
  }

  private static TaskSpec validTask(TaskSpec task) throws ApiException {
    if (task == null) {
      throw ApiException.badRequest("field 'task' is missing");
    }
    if (task.shell() == null) {
      throw ApiException.badRequest("field 'task.shell' is missing: use powershell or sh");
    }
    if (task.script() == null || task.script().isBlank()) {
      throw ApiException.badRequest("field 'task.script' is missing or empty");
    }
    Map<String, String> variables = task.variables() == null ? Map.of() : task.variables();
    try {
      TaskVariables.validate(variables, task.shell());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field 'task.variables': " + e.getMessage());
    }
    if (task.timeLimitSeconds() < 1 || task.timeLimitSeconds() > MAX_TIME_LIMIT_SECONDS) {
      throw ApiException.badRequest("field 'task.timeLimitSeconds' is "
          + task.timeLimitSeconds() + "; use 1 to " + MAX_TIME_LIMIT_SECONDS);
    }
    if (task.outputCapBytes() < 1024 || task.outputCapBytes() > MAX_OUTPUT_CAP_BYTES) {
      throw ApiException.badRequest("field 'task.outputCapBytes' is " + task.outputCapBytes()
          + "; use 1024 to " + MAX_OUTPUT_CAP_BYTES);
    }
    Set<String> secrets = task.secretVariables() == null ? Set.of()
        : Set.copyOf(task.secretVariables());
    for (String secret : secrets) {
      if (!variables.containsKey(secret)) {
        throw ApiException.badRequest("field 'task.secretVariables' names '" + secret
            + "', which is not one of the task's variables");
      }
    }
    return new TaskSpec(task.shell(), task.script(), Map.copyOf(variables), secrets,
        task.timeLimitSeconds(), task.outputCapBytes());
  }

  /** Returns whether an agent was in contact within {@link #OFFLINE_AFTER} before now. */
  static boolean isOnline(Agent agent, Instant now) {
    return agent.isOnline(now);
  }

  private static JobView view(Job job, String poolName) {
    JsonNode result = null;
    if (job.resultJson() != null) {
      try {
        result = Json.mapper().readTree(job.resultJson());
      } catch (JsonProcessingException e) {
        result = Json.mapper().getNodeFactory().textNode(job.resultJson());
      }
    }
    return new JobView(job.id(), poolName, job.role(), job.state().wireName(), job.attempt(),
        job.maxAttempts(), job.agentId(), job.createdAt(), job.startedAt(), job.finishedAt(),
        job.exitCode(), result, job.output(), job.errorOutput(), job.outputTruncated(),
        job.message(), job.requiredTags(), job.queueDeadline());
  }
}

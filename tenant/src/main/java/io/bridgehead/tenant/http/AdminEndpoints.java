package io.bridgehead.tenant.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.CreatePoolRequest;
import io.bridgehead.tenant.admin.EnrollmentKeyView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.tenant.jobs.Dispatcher;
import io.bridgehead.tenant.jobs.UnknownJobException;
import io.bridgehead.tenant.security.Secrets;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.Job;
import io.bridgehead.tenant.store.JobStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
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

/** The admin API, {@code /admin/v1}: pools, enrollment keys, agents and jobs. */
public final class AdminEndpoints {
  /** How long a new enrollment key stays valid when unused. */
  public static final Duration KEY_VALIDITY = Duration.ofHours(24);
  /** How long an agent may be silent before it is listed offline. */
  public static final Duration OFFLINE_AFTER = Duration.ofSeconds(60);
  /** The maximum time limit of a task: 24 hours. */
  public static final int MAX_TIME_LIMIT_SECONDS = 24 * 3600;
  /** The largest output cap a task may ask for, per stream: 4 MiB. */
  public static final long MAX_OUTPUT_CAP_BYTES = 4L * 1024 * 1024;
  /** The maximum time a job request waits for the job to finish: 5 minutes. */
  private static final long MAX_WAIT_SECONDS = 300;

  private static final String POOL = AdminApi.POOLS + "/([^/]{1,64})";
  private static final String JOB = AdminApi.JOBS + "/([A-Za-z0-9_-]{1,64})";

  private final String adminToken;
  private final PoolStore pools;
  private final AgentStore agents;
  private final JobStore jobs;
  private final Dispatcher dispatcher;
  private final Clock clock;

  public AdminEndpoints(String adminToken, PoolStore pools, AgentStore agents, JobStore jobs,
      Dispatcher dispatcher, Clock clock) {
    this.adminToken = adminToken;
    this.pools = pools;
    this.agents = agents;
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** Adds the admin API's routes to a router; each checks the admin token first. */
  public void register(Router router) {
    router.add("GET", AdminApi.POOLS, authorized((exchange, path) -> listPools(exchange)))
        .add("POST", AdminApi.POOLS, authorized((exchange, path) -> createPool(exchange)))
        .add("POST", POOL + "/keys", authorized(this::createKey))
        .add("GET", AdminApi.AGENTS, authorized((exchange, path) -> listAgents(exchange)))
        .add("GET", AdminApi.JOBS, authorized((exchange, path) -> listJobs(exchange)))
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

  private void listPools(HttpExchange exchange) throws IOException {
    Instant now = clock.instant();
    List<PoolView> views = pools.list().stream().map(pool -> {
      List<Agent> members = agents.listByPool(pool.id());
      int online = (int) members.stream().filter(agent -> isOnline(agent, now)).count();
      return new PoolView(pool.name(), members.size(), online, jobs.countUnfinished(pool.id()));
    }).collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void createPool(HttpExchange exchange) throws ApiException, IOException {
    CreatePoolRequest request = Exchanges.readJson(exchange, CreatePoolRequest.class);
    String name = validPoolName(request.name());
    Pool pool;
    synchronized (pools) {
      if (pools.findByName(name).isPresent()) {
        throw new ApiException(409, "pool_exists", "pool '" + name + "' exists already; to"
            + " enroll another agent into it, make a new key with 'pool create-key " + name
            + "'");
      }
      pool = pools.create(name, clock.instant());
    }
    Exchanges.sendJson(exchange, 201, newKey(pool));
  }

  private void createKey(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    Pool pool = poolNamed(path.group(1));
    Exchanges.sendJson(exchange, 201, newKey(pool));
  }

  private EnrollmentKeyView newKey(Pool pool) {
    Instant now = clock.instant();
    String key = pools.createEnrollmentKey(pool.id(), KEY_VALIDITY, now);
    return new EnrollmentKeyView(pool.name(), key, now.plus(KEY_VALIDITY));
  }

  private void listAgents(HttpExchange exchange) throws IOException {
    Instant now = clock.instant();
    Map<String, String> poolNames = pools.list().stream()
        .collect(Collectors.toMap(Pool::id, Pool::name));
    List<AgentView> views = agents.list().stream()
        .map(agent -> new AgentView(agent.id(), poolNames.getOrDefault(agent.poolId(), "?"),
            agent.hostName(), agent.roles(), agent.version(), agent.os(),
            isOnline(agent, now) ? "online" : "offline", agent.lastContactAt(),
            agent.enrolledAt()))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void listJobs(HttpExchange exchange) throws ApiException, IOException {
    int limit = intParameter(exchange, "limit", 50, 1, 1000);
    Map<String, String> poolNames = pools.list().stream()
        .collect(Collectors.toMap(Pool::id, Pool::name));
    List<JobView> views = jobs.listRecent(limit).stream()
        .map(job -> view(job, poolNames.getOrDefault(job.poolId(), "?")))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void submit(HttpExchange exchange) throws ApiException, IOException {
    SubmitTaskRequest request = Exchanges.readJson(exchange, SubmitTaskRequest.class);
    Pool pool = poolNamed(request.pool());
    TaskSpec task = validTask(request.task());
    int maxAttempts = request.maxAttempts() == null
        ? dispatcher.settings().defaultMaxAttempts() : request.maxAttempts();
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw ApiException.badRequest("field 'maxAttempts' is " + maxAttempts
          + "; use 1 to 100 (1 means the job never runs twice)");
    }
    Job job = dispatcher.submit(pool.id(), Role.AUTOMATION, task, maxAttempts);
    Exchanges.sendJson(exchange, 201, view(job, pool.name()));
  }

  private void getJob(HttpExchange exchange, Matcher path)
      throws ApiException, IOException, InterruptedException {
    long waitSeconds = intParameter(exchange, "waitSeconds", 0, 0, (int) MAX_WAIT_SECONDS);
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

  private Pool poolNamed(String name) throws ApiException {
    String valid = validPoolName(name);
    return pools.findByName(valid).orElseThrow(() -> ApiException.notFound("pool '" + valid
        + "' not found; list the pools with 'bridgehead tenant pools'"));
  }

  private static String validPoolName(String name) throws ApiException {
    try {
      return AdminApi.validatePoolName(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
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
      TaskVariables.validate(variables);
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

  private static int intParameter(HttpExchange exchange, String name, int fallback, int min,
      int max) throws ApiException {
    String text = Exchanges.query(exchange).get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw ApiException.badRequest("query parameter '" + name + "' is " + value + "; use "
            + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("query parameter '" + name + "' is '" + text
          + "'; use a whole number");
    }
  }

  /** Returns whether an agent was in contact within {@link #OFFLINE_AFTER} before now. */
  static boolean isOnline(Agent agent, Instant now) {
    return agent.lastContactAt().isAfter(now.minus(OFFLINE_AFTER));
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
        job.message());
  }
}

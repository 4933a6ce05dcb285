package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.agent.update.UpdateResult;
import io.bridgehead.ipc.Access;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.IpcServer;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.transport.Transport;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's control endpoint: the methods of {@link ControlApi} on an {@link IpcServer}, and
 * the status notifications of {@link ServiceStatus}. Methods that change the service run one
 * at a time.
 */
public final class ControlEndpoint implements AutoCloseable {
  /** The maximum bytes {@code logs.tail} reads from the end of the log, below the frame limit. */
  static final int MAX_LOG_BYTES = 512 * 1024;
  private static final int DEFAULT_LOG_LINES = 100;

  private static final Logger log = LoggerFactory.getLogger(ControlEndpoint.class);

  private final ServiceControl service;
  private final ServiceStatus status;
  private final ConfigMethods config;
  private final PoolMethods pools;
  private final IpcServer server;
  /** Held by every method that changes the service, so changes do not interleave. */
  private final Object changes = new Object();

  private ControlEndpoint(Transport transport, ServiceControl service, ServiceStatus status) {
    this.service = service;
    this.status = status;
    this.config = new ConfigMethods(service, status);
    this.pools = new PoolMethods(service, status);
    this.server = IpcServer.builder(transport, ControlApi.endpointName(service.role()))
        .serverName("bridgehead-" + service.role().wireName() + "/" + AgentVersion.current())
        .method(ControlApi.STATUS_GET, Access.READ, (params, peer) -> status.toJson())
        .method(ControlApi.CONFIG_GET, Access.READ, (params, peer) -> config.get())
        .method(ControlApi.CONFIG_SET, Access.CHANGE, (params, peer) -> change(
            () -> config.set(params)))
        .method(ControlApi.POOLS_LIST, Access.READ, (params, peer) -> pools.list())
        .method(ControlApi.POOLS_SELECT, Access.CHANGE, (params, peer) -> change(
            () -> pools.select(params)))
        .method(ControlApi.SERVICE_RESTART, Access.CHANGE, (params, peer) -> change(
            this::restart))
        .method(ControlApi.UPDATE_CHECK, Access.READ, (params, peer) -> checkUpdate())
        .method(ControlApi.REPAIR_REQUEST, Access.CHANGE, (params, peer) -> change(
            this::startRepair))
        .method(ControlApi.JOBS_RECENT, Access.READ, (params, peer) -> recentJobs(params))
        .method(ControlApi.LOGS_TAIL, Access.READ, (params, peer) -> tailLog(params))
        .build();
  }

  /**
   * Binds the endpoint and starts publishing status changes.
   *
   * @throws io.bridgehead.ipc.transport.EndpointInUseException when another live service
   *     listens there; its message names that process's id
   */
  public static ControlEndpoint start(Transport transport, ServiceControl service,
      ServiceStatus status) throws IOException {
    ControlEndpoint endpoint = new ControlEndpoint(transport, service, status);
    endpoint.server.start();
    status.publishTo(data -> endpoint.server.publish(ControlApi.STATUS_TOPIC, data));
    return endpoint;
  }

  /**
   * Returns the rolling log file of a role's service in its default folder,
   * {@code <data>/logs}, as the launcher configures Logback without {@code --log-dir}.
   */
  public static Path logFile(Path dataFolder, Role role) {
    return logFile(dataFolder.resolve("logs"), role.wireName());
  }

  /** Returns the rolling log file of a role's service in {@code logFolder}. */
  public static Path logFile(Path logFolder, String roleName) {
    return logFolder.resolve("agent-" + roleName + ".log");
  }

  /** Stops publishing and closes the endpoint, waiting for running calls within a limit. */
  @Override
  public void close() {
    status.publishTo(data -> { });
    server.close();
  }

  private interface Change {
    JsonNode apply() throws RpcException;
  }

  private JsonNode change(Change change) throws RpcException {
    synchronized (changes) {
      return change.apply();
    }
  }

  private JsonNode restart() throws RpcException {
    log.info("Restart requested through the control endpoint");
    try {
      service.restart(service.config(), service.settings(), "restart requested");
    } catch (IOException e) {
      log.error("Restarting the job loop failed; the previous loop keeps running", e);
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "restarting the job loop failed: "
          + e.getMessage() + "; the previous loop keeps running, see the service log");
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("state", status.toJson().path("state").asText());
    return result;
  }

  private JsonNode checkUpdate() throws RpcException {
    TenantClient client = null;
    HeartbeatResponse response;
    try {
      client = TenantClient.create(service.config().connection(service.dataFolder()),
          service.credential(), Duration.ofSeconds(1));
      response = client.heartbeat(AgentVersion.current(), service.runningJobs());
    } catch (TenantException e) {
      throw new RpcException(ControlApi.TENANT_REJECTED, "the update check failed: "
          + e.getMessage());
    } catch (IOException e) {
      throw new RpcException(ControlApi.TENANT_UNREACHABLE, "the update check failed: cannot"
          + " reach the tenant at " + service.config().tenantUrl() + ": " + e.getMessage());
    } finally {
      if (client != null) {
        client.close();
      }
    }
    String current = AgentVersion.current();
    boolean wanted = !current.equals(response.wantedVersion());
    JsonNode update = status.toJson().path("update");
    boolean enabled = update.path("enabled").asBoolean();
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("currentVersion", current);
    result.put("wantedVersion", response.wantedVersion());
    result.put("updateWanted", wanted);
    result.put("installSupported", enabled);
    result.put("updateWindow", response.updateWindow());
    result.put("state", update.path("state").asText());
    result.put("note", note(enabled, wanted, response));
    ArrayNode history = result.putArray("history");
    Path updates = service.settings().updatesDirectory();
    if (updates != null) {
      for (UpdateResult entry : UpdateResult.history(new UpdateFolder(updates))) {
        history.add(Json.mapper().valueToTree(entry));
      }
    }
    return result;
  }

  private static String note(boolean enabled, boolean wanted, HeartbeatResponse response) {
    if (!wanted) {
      return "the agent runs the version its pool wants";
    }
    if (!enabled) {
      return "this service runs without --updates-dir, so it installs no updates; install"
          + " version " + response.wantedVersion() + " with the installer";
    }
    return "the service downloads version " + response.wantedVersion() + " at a heartbeat"
        + (response.updateWindow() == null ? "" : " inside the update window "
            + response.updateWindow())
        + ", and the updater installs it";
  }

  private JsonNode startRepair() throws RpcException {
    Optional<Path> logFile;
    try {
      logFile = service.startRepair();
    } catch (IOException e) {
      log.error("Cannot start repair: {}", e.getMessage());
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "cannot start repair: "
          + e.getMessage());
    }
    if (logFile.isEmpty()) {
      throw new RpcException(ControlApi.REPAIR_NOT_AVAILABLE, "repair is not available: the"
          + " service runs without --updates-dir; to repair the installation, run"
          + " 'bridgehead repair' as the installing user");
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("started", true);
    result.put("log", logFile.get().toString());
    return result;
  }

  private JsonNode recentJobs(ObjectNode params) throws RpcException {
    int limit = Params.integer(params, "limit", RecentJobs.CAPACITY, 1, RecentJobs.CAPACITY);
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.set("jobs", status.recentJobs().toJson(limit));
    return result;
  }

  private JsonNode tailLog(ObjectNode params) throws RpcException {
    int count = Params.integer(params, "lines", DEFAULT_LOG_LINES, 1, ControlApi.MAX_LOG_LINES);
    Path file = service.logFile();
    LogTail.Tail tail;
    try {
      tail = LogTail.read(file, count, MAX_LOG_BYTES);
    } catch (NoSuchFileException e) {
      throw new RpcException(ControlApi.LOG_NOT_AVAILABLE, "the log file " + file + " does"
          + " not exist; the service writes it only when started with 'bridgehead agent run'");
    } catch (IOException e) {
      throw new RpcException(ControlApi.LOG_NOT_AVAILABLE, "cannot read the log file " + file
          + ": " + e.getMessage());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("file", file.toString());
    tail.lines().forEach(result.putArray("lines")::add);
    result.put("truncated", tail.truncated());
    return result;
  }
}

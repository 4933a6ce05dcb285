package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.ipc.Access;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.IpcServer;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.ipc.transport.Transport;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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
        .method(ControlApi.REPAIR_REQUEST, Access.CHANGE, (params, peer) -> {
          throw new RpcException(ControlApi.REPAIR_NOT_AVAILABLE, "repair is not available in"
              + " this version of the agent; to repair an installation, run the installer"
              + " again");
        })
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

  /** Returns the rolling log file of a role's service, as the launcher configures Logback. */
  public static Path logFile(Path dataFolder, Role role) {
    return dataFolder.resolve("logs").resolve("agent-" + role.wireName() + ".log");
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
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("currentVersion", current);
    result.put("wantedVersion", response.wantedVersion());
    result.put("updateWanted", wanted);
    result.put("installSupported", false);
    result.put("note", "this version of the agent cannot download or install updates;"
        + (wanted ? " install version " + response.wantedVersion() + " with the installer"
            : " it runs the version its pool wants"));
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
    Path file = logFile(service.dataFolder(), service.role());
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

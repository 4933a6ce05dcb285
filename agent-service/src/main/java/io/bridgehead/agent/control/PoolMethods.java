package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.PoolListing;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pools.list} and {@code pools.select}. Selecting a pool enrolls the agent again with
 * the pool's enrollment key. The new credential and configuration replace the old ones only
 * after the tenant accepted the key, so a rejected key leaves the agent as it was.
 */
final class PoolMethods {
  private static final Logger log = LoggerFactory.getLogger(PoolMethods.class);

  private final ServiceControl service;
  private final ServiceStatus status;

  PoolMethods(ServiceControl service, ServiceStatus status) {
    this.service = service;
    this.status = status;
  }

  JsonNode list() throws RpcException {
    List<PoolListing> pools = fetchPools();
    String current = service.config().pool();
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("current", current);
    ArrayNode array = result.putArray("pools");
    for (PoolListing pool : pools) {
      array.addObject()
          .put("name", pool.name())
          .put("onlineAgents", pool.onlineAgents())
          .put("current", pool.name().equals(current));
    }
    return result;
  }

  /** How long a pool move waits for kept results to reach the tenant first. */
  static final Duration OUTBOX_DRAIN_TIME = Duration.ofSeconds(20);

  /** Moves the agent to another pool; the caller serializes changes. */
  JsonNode select(ObjectNode params) throws RpcException {
    String pool = Params.text(params, "pool");
    String key = Params.text(params, "enrollmentKey");
    List<PoolListing> pools = fetchPools();
    if (pools.stream().noneMatch(listing -> listing.name().equals(pool))) {
      throw RpcException.invalidParams("pool '" + pool + "' not found on the tenant; pools"
          + " offered: " + pools.stream().map(PoolListing::name)
              .collect(Collectors.joining(", ")));
    }
    // The job loop stops first and the outbox drains: results kept for the current agent id
    // can only be sent with the current credential. Any failure from here on restarts the
    // loop in the current pool.
    AgentConfig previous = service.config();
    Enrollment.Accepted accepted;
    try {
      int unsent = drainOutbox();
      if (unsent > 0) {
        throw new RpcException(ControlApi.TENANT_UNREACHABLE, unsent + " results or log"
            + " batches of this agent have not reached the tenant yet, and they can only be"
            + " sent before the move; try again once the tenant is reachable");
      }
      try {
        accepted = Enrollment.request(previous.connection(service.dataFolder()), key,
            previous.roles());
      } catch (IOException e) {
        throw tenantFailure("enrolling into pool '" + pool + "' failed", e);
      }
    } catch (RpcException e) {
      resume(previous, "staying in pool " + previous.pool() + " after a failed move");
      throw e;
    }
    AgentConfig config = accepted.config();
    if (!config.pool().equals(pool)) {
      log.warn("The enrollment key for pool {} belongs to pool {}; the tenant enrolled agent {}"
          + " there, which this agent does not use", pool, config.pool(), config.agentId());
      resume(previous, "staying in pool " + previous.pool() + " after a failed move");
      throw RpcException.invalidParams("the enrollment key belongs to pool '" + config.pool()
          + "', not '" + pool + "'; the agent stays in pool '" + previous.pool() + "'. The key"
          + " is now used up and agent " + config.agentId() + " was enrolled with it: remove"
          + " that agent on the tenant and make a new key for pool '" + pool + "'");
    }
    try {
      Enrollment.store(accepted, service.dataFolder());
    } catch (IOException e) {
      log.error("Storing the enrollment into pool {} in {} failed", pool,
          service.dataFolder(), e);
      resume(previous, "staying in pool " + previous.pool() + " after a failed move");
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "the tenant accepted the key, but"
          + " storing the new enrollment in " + service.dataFolder() + " failed: "
          + e.getMessage() + "; check the folder's free space and permissions");
    }
    log.info("Moved from pool {} (agent {}) to pool {} (agent {}); restarting the job loop",
        previous.pool(), previous.agentId(), config.pool(), config.agentId());
    try {
      service.restart(config, service.settings(), "moved to pool " + pool);
    } catch (IOException e) {
      log.error("Restarting the job loop in pool {} failed", pool, e);
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "the new enrollment is stored, but"
          + " restarting the job loop failed: " + e.getMessage() + "; restart the service");
    }
    status.changed("pool", "moved to pool " + pool);
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("pool", config.pool());
    result.put("agentId", config.agentId());
    result.put("previousPool", previous.pool());
    result.put("previousAgentId", previous.agentId());
    return result;
  }

  private void resume(AgentConfig config, String reason) {
    try {
      service.restart(config, service.settings(), reason);
    } catch (IOException e) {
      log.error("Restarting the job loop in pool {} failed", config.pool(), e);
    }
  }

  private int drainOutbox() throws RpcException {
    try {
      return service.drainOutbox(OUTBOX_DRAIN_TIME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "interrupted while sending kept results");
    }
  }

  private List<PoolListing> fetchPools() throws RpcException {
    AgentConfig config = service.config();
    TenantClient client = null;
    try {
      client = TenantClient.create(config.connection(service.dataFolder()),
          service.credential(), Duration.ofSeconds(1));
      return client.pools();
    } catch (IOException e) {
      throw tenantFailure("listing the tenant's pools failed", e);
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  private RpcException tenantFailure(String what, IOException e) {
    if (e instanceof TenantException rejected) {
      int code = rejected.status() == 400 ? ErrorCodes.INVALID_PARAMS
          : ControlApi.TENANT_REJECTED;
      String hint = AgentApi.INVALID_ENROLLMENT_KEY.equals(rejected.code())
          ? "; the agent keeps its current enrollment" : "";
      return new RpcException(code, what + ": " + e.getMessage() + hint);
    }
    return new RpcException(ControlApi.TENANT_UNREACHABLE, what + ": cannot reach the tenant"
        + " at " + service.config().tenantUrl() + ": " + e.getMessage()
        + "; check that the tenant is running and trusted");
  }
}

package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.UpdateOutcomeView;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import io.bridgehead.tenant.store.UpdateOutcome;
import java.time.Instant;

/** Input checks and views shared by the admin API's endpoint classes. */
final class AdminRequests {
  private AdminRequests() {}

  static Pool poolNamed(PoolStore pools, String name) throws ApiException {
    String valid = validPoolName(name);
    return pools.findByName(valid).orElseThrow(() -> ApiException.notFound("pool '" + valid
        + "' not found; list the pools with 'bridgehead tenant pools'"));
  }

  static String validPoolName(String name) throws ApiException {
    try {
      return AdminApi.validatePoolName(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  static int intParameter(HttpExchange exchange, String name, int fallback, int min, int max)
      throws ApiException {
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

  static AgentView agentView(Agent agent, String poolName, Instant now) {
    return new AgentView(agent.id(), poolName, agent.hostName(), agent.roles(), agent.version(),
        agent.os(), agent.state(now).wireName(), agent.lastContactAt(), agent.enrolledAt(),
        agent.tags(), agent.powershellVersion(), updateView(agent.lastUpdate()));
  }

  private static UpdateOutcomeView updateView(UpdateOutcome outcome) {
    if (outcome == null) {
      return null;
    }
    return new UpdateOutcomeView(outcome.version(), outcome.outcome(), outcome.reason(),
        outcome.at(), outcome.logTail());
  }
}

package io.bridgehead.tenant.http;

import com.sun.net.httpserver.HttpExchange;
import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.EventView;
import io.bridgehead.tenant.store.Agent;
import io.bridgehead.tenant.store.AgentStore;
import io.bridgehead.tenant.store.EventStore;
import io.bridgehead.tenant.store.Pool;
import io.bridgehead.tenant.store.PoolStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent part of the admin API: listing, disabling, enabling and removing agents, under
 * {@code /admin/v1/agents}, and the operator event log under {@code /admin/v1/events}.
 */
final class AgentAdminEndpoints {
  private static final Logger log = LoggerFactory.getLogger(AgentAdminEndpoints.class);
  private static final String AGENT = AdminApi.AGENTS + "/([A-Za-z0-9_-]{1,64})";

  private final PoolStore pools;
  private final AgentStore agents;
  private final EventStore events;
  private final Clock clock;

  AgentAdminEndpoints(PoolStore pools, AgentStore agents, EventStore events, Clock clock) {
    this.pools = pools;
    this.agents = agents;
    this.events = events;
    this.clock = clock;
  }

  void register(Router router, UnaryOperator<Router.Route> authorized) {
    router.add("GET", AdminApi.AGENTS, authorized.apply((exchange, path) -> list(exchange)))
        .add("POST", AGENT + "/disable", authorized.apply((exchange, path) ->
            setDisabled(exchange, path, true)))
        .add("POST", AGENT + "/enable", authorized.apply((exchange, path) ->
            setDisabled(exchange, path, false)))
        .add("DELETE", AGENT, authorized.apply(this::remove))
        .add("GET", AdminApi.EVENTS, authorized.apply((exchange, path) -> listEvents(exchange)));
  }

  private void list(HttpExchange exchange) throws IOException {
    Instant now = clock.instant();
    Map<String, String> names = poolNames();
    List<AgentView> views = agents.list().stream()
        .map(agent -> AdminRequests.agentView(agent, names.getOrDefault(agent.poolId(), "?"),
            now))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private void setDisabled(HttpExchange exchange, Matcher path, boolean disabled)
      throws ApiException, IOException {
    String agentId = path.group(1);
    Agent agent = agents.setDisabled(agentId, disabled, clock.instant())
        .orElseThrow(() -> notFound(agentId));
    log.info("Agent {} {} by an operator", agentId, disabled ? "disabled" : "enabled");
    Exchanges.sendJson(exchange, 200, AdminRequests.agentView(agent,
        poolNames().getOrDefault(agent.poolId(), "?"), clock.instant()));
  }

  private void remove(HttpExchange exchange, Matcher path) throws ApiException, IOException {
    String agentId = path.group(1);
    Agent agent = agents.remove(agentId, clock.instant()).orElseThrow(() -> notFound(agentId));
    log.info("Agent {} on host {} removed by an operator", agentId, agent.hostName());
    Exchanges.sendJson(exchange, 200, AdminRequests.agentView(agent,
        poolNames().getOrDefault(agent.poolId(), "?"), clock.instant()));
  }

  private void listEvents(HttpExchange exchange) throws ApiException, IOException {
    int limit = AdminRequests.intParameter(exchange, "limit", 50, 1, 1000);
    Map<String, String> names = poolNames();
    List<EventView> views = events.recent(limit).stream()
        .map(event -> new EventView(event.id(), event.at(), event.kind().wireName(),
            event.poolId() == null ? null : names.getOrDefault(event.poolId(), event.poolId()),
            event.agentId(), event.jobId(), event.message()))
        .collect(Collectors.toList());
    Exchanges.sendJson(exchange, 200, views);
  }

  private Map<String, String> poolNames() {
    return pools.list().stream().collect(Collectors.toMap(Pool::id, Pool::name));
  }

  private static ApiException notFound(String agentId) {
    return ApiException.notFound("agent '" + agentId + "' not found; list the agents with"
        + " 'bridgehead tenant agents'");
  }
}

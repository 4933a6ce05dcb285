package io.bridgehead.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.tenant.admin.AgentView;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty agents of one pool reconnecting after a tenant restart: their back-off jitter spreads
 * their first requests over the back-off window instead of sending them all at once, and the
 * restarted tenant serves every agent.
 *
 * <p>Each agent reaches the tenant through a proxy of its own, so the time the proxy accepts
 * an agent's first connection after the restart is the time of that agent's first request.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the tasks are sh scripts")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReconnectSpreadTest {
  private static final String POOL = "many";
  private static final int AGENTS = 50;
  private static final Duration OUTAGE = Duration.ofSeconds(5);
  /**
   * The back-off of these agents. The first delay keeps its default of 1 s, and the maximum
   * is shortened from 60 s to 4 s. After the 5 s outage, each agent's next try then falls at
   * a random point of a window of up to 4 s.
   */
  private static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
  private static final Duration RETRY_CAP = Duration.ofSeconds(4);
  /** A window in which all the first requests would count as arriving together. */
  private static final Duration BURST = Duration.ofMillis(100);
  private static final Duration CONDITION_WAIT = Duration.ofSeconds(30);
  private static final Duration JOBS_WAIT = Duration.ofSeconds(40);

  @TempDir
  Path temp;

  private FaultTenant tenant;
  private FaultAgents agents;
  private final List<LoopbackProxy> proxies = new ArrayList<>();

  @BeforeEach
  void startTenant() throws Exception {
    tenant = FaultTenant.start(temp.resolve("tenant"));
    agents = new FaultAgents();
  }

  @AfterEach
  void stopAll() {
    agents.close();
    proxies.forEach(LoopbackProxy::close);
    tenant.close();
  }

  @Test
  void agentsReconnectSpreadOut() throws Exception {
    String key = tenant.createPool(POOL, AGENTS);
    List<AgentService> services = new ArrayList<>();
    List<String> agentIds = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      LoopbackProxy proxy = LoopbackProxy.start(tenant.port());
      proxies.add(proxy);
      Path folder = FaultAgents.enroll(tenant.connectionThrough(proxy), key,
          temp.resolve("agent-" + i));
      AgentSettings settings = FaultAgents.settings(folder, 1)
          .withRetry(RETRY_INITIAL, RETRY_CAP);
      services.add(agents.start(folder, settings));
      agentIds.add(FaultAgents.agentId(folder));
    }
    FaultSupport.awaitTrue("every agent has reached the tenant", CONDITION_WAIT,
        () -> services.stream().allMatch(agent -> agent.loop().link().lastContact() != null));

    tenant.stop();
    Thread.sleep(OUTAGE.toMillis());
    Instant restartedAt = Instant.now();
    tenant.restart();
    FaultSupport.awaitTrue("every agent connects to the restarted tenant", CONDITION_WAIT,
        () -> proxies.stream().allMatch(proxy -> firstForwarded(proxy, restartedAt).isPresent()));
    List<Instant> firstRequests = proxies.stream()
        .map(proxy -> firstForwarded(proxy, restartedAt).orElseThrow())
        .sorted()
        .collect(Collectors.toList());
    FaultSupport.awaitTrue("the tenant records a contact from every agent after the restart",
        CONDITION_WAIT, () -> tenant.admin().agents().stream()
            .allMatch(agent -> agent.lastContactAt().isAfter(restartedAt)));
    List<AgentView> agentViews = tenant.admin().agents();

    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      jobIds.add(tenant.admin().submit(new SubmitTaskRequest(POOL,
          FaultSupport.shTask("echo \"job $N\"", Map.of("N", Integer.toString(i)), 60),
          null)).id());
    }
    Map<String, JobView> jobs = FaultSupport.awaitAllFinished(tenant.admin(), jobIds,
        JOBS_WAIT);
    Set<String> agentsThatRan = jobs.values().stream().map(JobView::agentId)
        .collect(Collectors.toSet());
    int maxInBurst = maxWithin(firstRequests, BURST);
    Duration spread = Duration.between(firstRequests.get(0),
        firstRequests.get(firstRequests.size() - 1));
    System.out.printf("Reconnect after restart: first requests spread over %d ms, at most %d"
        + " within %d ms; %d agents ran the %d jobs%n", spread.toMillis(), maxInBurst,
        BURST.toMillis(), agentsThatRan.size(), AGENTS);

    assertThat(firstRequests).hasSize(AGENTS);
    assertThat(maxInBurst).as("first requests within any %s, of %s: %s", BURST, AGENTS,
        firstRequests).isLessThan(AGENTS / 2);
    assertThat(agentViews).extracting(AgentView::id)
        .containsExactlyInAnyOrderElementsOf(agentIds);
    assertThat(agentViews).extracting(AgentView::state).containsOnly("online");
    assertThat(jobs.values()).extracting(JobView::state).containsOnly("succeeded");
    assertThat(agentsThatRan).as("agents that ran a job").isSubsetOf(agentIds);
    assertThat(agentsThatRan.size()).as("agents that ran a job").isGreaterThanOrEqualTo(
        AGENTS / 2);
  }

  /** Returns when the proxy accepted its first forwarded connection at or after {@code from}. */
  private static Optional<Instant> firstForwarded(LoopbackProxy proxy, Instant from) {
    return proxy.connections().stream()
        .filter(LoopbackProxy.Connection::forwarded)
        .map(LoopbackProxy.Connection::acceptedAt)
        .filter(at -> !at.isBefore(from))
        .min(Instant::compareTo);
  }

  /** Returns the largest number of sorted instants that fall within one {@code window}. */
  private static int maxWithin(List<Instant> sorted, Duration window) {
    int max = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (Duration.between(sorted.get(start), sorted.get(end)).compareTo(window) > 0) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}

package io.bridgehead.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.agent.AgentService;
import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.proxy.ProxyAuthenticationException;
import io.bridgehead.agent.proxy.ProxyEnvironment;
import io.bridgehead.agent.proxy.ProxyMode;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.testing.ConnectProxy;
import io.bridgehead.tenant.admin.JobView;
import io.bridgehead.tenant.admin.SubmitTaskRequest;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.ScriptShell;
import io.bridgehead.wire.TaskSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment and work through a real HTTP CONNECT proxy on loopback in front of a real tenant
 * over HTTPS. Environments are passed in, never read from this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyEndToEndTest {
  private static final String POOL = "servers";
  private static final List<Role> ROLES = List.of(Role.AUTOMATION);

  @TempDir
  Path temp;

  private LoopbackTenant tenant;
  private ConnectProxy proxy;
  private AgentService agent;

  @BeforeEach
  void startTenant() throws IOException {
    tenant = LoopbackTenant.start(temp.resolve("tenant"));
  }

  @AfterEach
  void stopAll() throws IOException {
    if (agent != null) {
      agent.stop();
    }
    if (proxy != null) {
      proxy.close();
    }
    tenant.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the task is an sh script")
  void enrollAndJobThroughProxy() throws Exception {
    proxy = ConnectProxy.start("alice", "pass word");
    Path folder = temp.resolve("agent");
    TenantProxy explicit = TenantProxy.of(ProxySettings.parse(proxy.url(), "alice"),
        "pass word", ProxyEnvironment.empty());

    Enrollment.enroll(tenant.connection().withProxy(explicit), tenant.createPool(POOL), ROLES,
        folder);
    int tunnelsAfterEnroll = proxy.tunnels();
    agent = AgentService.start(folder, Role.AUTOMATION, AgentSettings.defaults(folder)
        .withRetry(Duration.ofMillis(50), Duration.ofMillis(500)));
    JobView job = tenant.admin().job(tenant.admin().submit(new SubmitTaskRequest(POOL,
        new TaskSpec(ScriptShell.SH, "echo through the proxy", Map.of(), Set.of(), 60,
            1024 * 1024), null)).id(), Duration.ofSeconds(30));

    AgentConfig stored = AgentConfig.read(folder);
    assertThat(stored.proxy().mode()).isEqualTo(ProxyMode.EXPLICIT);
    assertThat(stored.proxy().url()).isEqualTo(proxy.url());
    assertThat(stored.proxy().username()).isEqualTo("alice");
    assertThat(Files.readString(folder.resolve(AgentConfig.FILE_NAME)))
        .doesNotContain("pass word");
    assertThat(FileCredentialStore.proxyPassword(folder).load()).contains("pass word");
    assertThat(tunnelsAfterEnroll).isEqualTo(1);
    assertThat(job.state()).isEqualTo("succeeded");
    assertThat(job.output()).isEqualTo("through the proxy\n");
    assertThat(proxy.tunnels()).isGreaterThan(tunnelsAfterEnroll);
    assertThat(proxy.connectTargets()).allMatch(target -> target.equals("127.0.0.1:"
        + tenant.port()));
  }

  @Test
  void wrongPasswordFailsClearly() throws IOException {
    proxy = ConnectProxy.start("alice", "right");
    TenantProxy wrong = TenantProxy.of(ProxySettings.parse(proxy.url(), "alice"), "wrong",
        ProxyEnvironment.empty());
    Path folder = temp.resolve("agent");
    String key = tenant.createPool(POOL);

    assertThatThrownBy(() -> Enrollment.enroll(tenant.connection().withProxy(wrong), key, ROLES,
        folder))
        .isInstanceOf(ProxyAuthenticationException.class)
        .hasMessageContaining("proxy authentication failed for user alice")
        .hasMessageNotContaining("wrong");
    assertThat(proxy.challenges()).as("407 responses: one unanswered, one rejected")
        .isEqualTo(2);
    assertThat(proxy.tunnels()).isZero();
    assertThat(folder.resolve(AgentConfig.FILE_NAME)).doesNotExist();
  }

  @Test
  void missingUserFailsClearly() throws IOException {
    proxy = ConnectProxy.start("alice", "right");
    TenantProxy anonymous = TenantProxy.of(ProxySettings.parse(proxy.url(), null), null,
        ProxyEnvironment.empty());
    String key = tenant.createPool(POOL);

    assertThatThrownBy(() -> Enrollment.enroll(tenant.connection().withProxy(anonymous), key,
        ROLES, temp.resolve("agent")))
        .isInstanceOf(ProxyAuthenticationException.class)
        .hasMessageContaining("requires authentication")
        .hasMessageContaining("no proxy user is set");
    assertThat(proxy.challenges()).isEqualTo(1);
  }

  @Test
  void systemModeUsesEnvironmentProxy() throws IOException {
    proxy = ConnectProxy.start();
    TenantProxy system = TenantProxy.of(ProxySettings.system(), null,
        ProxyEnvironment.of(Map.of("https_proxy", proxy.url())));

    Enrollment.enroll(tenant.connection().withProxy(system), tenant.createPool(POOL), ROLES,
        temp.resolve("agent"));

    assertThat(proxy.tunnels()).isEqualTo(1);
    assertThat(AgentConfig.read(temp.resolve("agent")).proxy())
        .isEqualTo(ProxySettings.system());
  }

  @Test
  void noProxyBypassesEnvironmentProxy() throws IOException {
    proxy = ConnectProxy.start();
    TenantProxy system = TenantProxy.of(ProxySettings.system(), null, ProxyEnvironment.of(
        Map.of("https_proxy", proxy.url(), "no_proxy", "localhost,127.0.0.1")));

    Enrollment.enroll(tenant.connection().withProxy(system), tenant.createPool(POOL), ROLES,
        temp.resolve("agent"));

    assertThat(proxy.connections()).isZero();
  }

  @Test
  void explicitWinsOverEnvironment() throws IOException {
    proxy = ConnectProxy.start();
    int closedPort = closedPort();
    TenantProxy explicit = TenantProxy.of(ProxySettings.parse(proxy.url(), null), null,
        ProxyEnvironment.of(Map.of("https_proxy", "http://127.0.0.1:" + closedPort,
            "no_proxy", "*")));

    Enrollment.enroll(tenant.connection().withProxy(explicit), tenant.createPool(POOL), ROLES,
        temp.resolve("agent"));

    assertThat(proxy.tunnels()).isEqualTo(1);
  }

  @Test
  void storedProxyUsedByAgentConnection() throws IOException {
    proxy = ConnectProxy.start("alice", "right");
    Path folder = temp.resolve("agent");
    Enrollment.enroll(tenant.connection().withProxy(TenantProxy.of(
        ProxySettings.parse(proxy.url(), "alice"), "right", ProxyEnvironment.empty())),
        tenant.createPool(POOL), ROLES, folder);

    TenantConnection connection = AgentConfig.read(folder).connection(folder,
        ProxyEnvironment.of(Map.of("no_proxy", "*")));

    assertThat(connection.proxy().password()).isEqualTo("right");
    assertThat(connection.proxy().routeTo(connection.host(), connection.port()).proxyUrl())
        .isEqualTo(proxy.url());
  }

  /** Returns a loopback port on which nothing listens. */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

package io.bridgehead.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bridgehead.agent.AgentVersion;
import io.bridgehead.agent.check.CheckResult;
import io.bridgehead.agent.check.CheckStep;
import io.bridgehead.agent.check.ConnectionCheck;
import io.bridgehead.agent.proxy.ProxyEnvironment;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.testing.ConnectProxy;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection check against a real tenant over HTTPS and a real CONNECT proxy, both on
 * loopback. Every failing case is made on loopback too: a closed port, a wrong pin, a stopped
 * proxy, a wrong proxy password. The unknown host is under {@code .invalid}, which the check's
 * resolver rejects without a DNS query.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionCheckTest {
  private static final List<String> STEP_NAMES = List.of("dns", "proxy", "tcp", "tls",
      "tenant");
  private static final CertificateFingerprint WRONG_PIN = CertificateFingerprint.parse(
      "00".repeat(32));

  @TempDir
  Path temp;

  private LoopbackTenant tenant;
  private ConnectProxy proxy;
  private final ConnectionCheck check = ConnectionCheck.create();

  @BeforeEach
  void startTenant() throws IOException {
    tenant = LoopbackTenant.start(temp.resolve("tenant"));
  }

  @AfterEach
  void stopAll() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    tenant.close();
  }

  @Test
  void directCheckPasses() {
    List<CheckStep> seen = new ArrayList<>();

    CheckResult result = check.run(tenant.connection(), seen::add);

    assertThat(result.ok()).as(String.join("\n", result.lines())).isTrue();
    assertThat(result.target()).isEqualTo(tenant.url());
    assertThat(result.steps()).extracting(CheckStep::name).isEqualTo(STEP_NAMES);
    assertThat(seen).isEqualTo(result.steps());
    assertThat(detail(result, "dns")).isEqualTo("127.0.0.1 resolves to 127.0.0.1");
    assertThat(detail(result, "proxy")).isEqualTo("no proxy (proxy mode none)");
    assertThat(detail(result, "tcp")).startsWith("connected to 127.0.0.1:" + tenant.port());
    assertThat(detail(result, "tls")).contains("matches the pinned fingerprint");
    assertThat(detail(result, "tenant")).endsWith("version " + AgentVersion.current());
    assertThat(result.lines()).last().isEqualTo("The tenant is reachable and trusted.");
  }

  @Test
  void resultSerializesAsContract() {
    CheckResult result = check.run(tenant.connection());

    JsonNode json = Json.mapper().valueToTree(result);

    assertThat(json.get("target").asText()).isEqualTo(tenant.url());
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("steps")).hasSize(5);
    assertThat(json.get("steps").get(0).get("name").asText()).isEqualTo("dns");
    assertThat(json.get("steps").get(0).get("ok").asBoolean()).isTrue();
    assertThat(json.get("steps").get(0).get("detail").asText()).contains("resolves to");
    assertThat(json.size()).isEqualTo(3);
    assertThat(json.get("steps").get(0).size()).isEqualTo(3);
  }

  @Test
  void checkThroughAuthenticatingProxyPasses() throws IOException {
    proxy = ConnectProxy.start("alice", "secret");

    CheckResult result = check.run(viaProxy(proxy.url(), "alice", "secret"));

    assertThat(result.ok()).as(String.join("\n", result.lines())).isTrue();
    assertThat(detail(result, "proxy")).contains("proxy " + proxy.url() + " (set explicitly),"
        + " as user alice: tunnel to 127.0.0.1:" + tenant.port() + " opened");
    assertThat(detail(result, "tcp")).isEqualTo("the proxy connected to 127.0.0.1:"
        + tenant.port());
    assertThat(proxy.tunnels()).as("one for TLS, one for the tenant request").isEqualTo(2);
    assertThat(String.join("\n", result.lines())).doesNotContain("secret");
  }

  @Test
  void unknownHostFailsAtDns() {
    CheckResult result = check.run(new TenantConnection("https://tenant.invalid:8443",
        tenant.fingerprint(), null));

    assertFailedAt(result, "dns");
    assertThat(detail(result, "dns")).isEqualTo("tenant.invalid does not resolve; check the"
        + " host name in the tenant URL and this host's DNS settings, or set a proxy if only"
        + " the proxy can reach it");
    assertThat(detail(result, "tenant")).isEqualTo("skipped: DNS failed");
  }

  @Test
  void closedPortFailsAtTcp() throws IOException {
    int port = ProxyEndToEndTest.closedPort();

    CheckResult result = check.run(new TenantConnection("https://127.0.0.1:" + port,
        tenant.fingerprint(), null));

    assertFailedAt(result, "tcp");
    assertThat(detail(result, "tcp")).startsWith("connection to 127.0.0.1:" + port
        + " refused").contains("check the port in the tenant URL");
    assertThat(detail(result, "tls")).isEqualTo("skipped: TCP failed");
  }

  @Test
  void wrongPinFailsAtTls() {
    CheckResult result = check.run(new TenantConnection(tenant.url(), WRONG_PIN, null));

    assertFailedAt(result, "tls");
    assertThat(detail(result, "tls"))
        .contains("does not match the pinned fingerprint " + WRONG_PIN)
        .contains("SHA-256 fingerprint " + tenant.fingerprint());
    assertThat(detail(result, "tenant")).isEqualTo("skipped: TLS failed");
  }

  @Test
  void untrustedChainFailsAtTls() {
    CheckResult result = check.run(new TenantConnection(tenant.url(), null, null));

    assertFailedAt(result, "tls");
    assertThat(detail(result, "tls")).contains("does not lead to a trusted CA")
        .contains("CA bundle");
  }

  @Test
  void wrongHostNameFailsAtTls() {
    ConnectionCheck loopbackOnly = ConnectionCheck.create(Duration.ofSeconds(5),
        host -> List.of(InetAddress.getLoopbackAddress()));

    CheckResult result = loopbackOnly.run(new TenantConnection("https://other.test:"
        + tenant.port(), tenant.fingerprint(), null));

    assertFailedAt(result, "tls");
    assertThat(detail(result, "tls")).contains("is valid for").contains("not for other.test");
  }

  @Test
  void stoppedProxyFailsAtProxy() throws IOException {
    int port = ProxyEndToEndTest.closedPort();

    CheckResult result = check.run(viaProxy("http://127.0.0.1:" + port, null, null));

    assertFailedAt(result, "proxy");
    assertThat(detail(result, "proxy")).startsWith("connection to the proxy 127.0.0.1:" + port
        + " refused").contains("check that the proxy runs");
    assertThat(detail(result, "tcp")).isEqualTo("skipped: the proxy failed");
  }

  @Test
  void wrongProxyPasswordFailsAtProxy() throws IOException {
    proxy = ConnectProxy.start("alice", "secret");

    CheckResult result = check.run(viaProxy(proxy.url(), "alice", "wrong"));

    assertFailedAt(result, "proxy");
    assertThat(detail(result, "proxy")).startsWith("proxy authentication failed for user"
        + " alice at " + proxy.url());
    assertThat(proxy.challenges()).isEqualTo(2);
    assertThat(String.join("\n", result.lines())).doesNotContain("wrong");
  }

  @Test
  void proxyWithoutUserFailsAtProxy() throws IOException {
    proxy = ConnectProxy.start("alice", "secret");

    CheckResult result = check.run(viaProxy(proxy.url(), null, null));

    assertFailedAt(result, "proxy");
    assertThat(detail(result, "proxy")).contains("requires authentication (HTTP 407), and no"
        + " proxy user is set");
  }

  @Test
  void proxyUnableToConnectFailsAtTcp() throws IOException {
    proxy = ConnectProxy.start();
    int port = ProxyEndToEndTest.closedPort();
    TenantConnection closed = new TenantConnection("https://127.0.0.1:" + port,
        tenant.fingerprint(), null, TenantProxy.of(ProxySettings.parse(proxy.url(), null),
            null, ProxyEnvironment.empty()));

    CheckResult result = check.run(closed);

    assertFailedAt(result, "tcp");
    assertThat(detail(result, "proxy")).endsWith("the proxy accepted the request");
    assertThat(detail(result, "tcp")).startsWith("the proxy could not connect to 127.0.0.1:"
        + port + " (HTTP/1.1 502 Bad Gateway)");
  }

  @Test
  void proxyRejectingTargetFailsAtProxy() throws IOException {
    proxy = ConnectProxy.start();
    // The test proxy rejects every target off loopback with 403 and opens no connection.
    TenantConnection elsewhere = new TenantConnection("https://tenant.example.com",
        null, null, TenantProxy.of(ProxySettings.parse(proxy.url(), null), null,
            ProxyEnvironment.empty()));

    CheckResult result = check.run(elsewhere);

    assertFailedAt(result, "proxy");
    assertThat(detail(result, "dns")).isEqualTo("127.0.0.1 resolves to 127.0.0.1; the proxy"
        + " resolves tenant.example.com");
    assertThat(detail(result, "proxy")).contains("rejected the tunnel to"
        + " tenant.example.com:443 (HTTP/1.1 403 Forbidden)");
    assertThat(proxy.tunnels()).isZero();
  }

  @Test
  void unknownProxyHostFailsAtDns() {
    CheckResult result = check.run(viaProxy("http://proxy.invalid:3128", null, null));

    assertFailedAt(result, "dns");
    assertThat(detail(result, "dns")).startsWith("the proxy's host name proxy.invalid does"
        + " not resolve");
  }

  @Test
  void invalidEnvironmentProxyFailsAtProxy() {
    TenantProxy system = TenantProxy.of(ProxySettings.system(), null,
        ProxyEnvironment.of(Map.of("HTTPS_PROXY", "socks5://127.0.0.1:1080")));

    CheckResult result = check.run(tenant.connection().withProxy(system));

    assertFailedAt(result, "proxy");
    assertThat(detail(result, "proxy")).contains("invalid HTTPS_PROXY in the environment");
  }

  @Test
  void noProxyEntryCheckedDirectly() throws IOException {
    proxy = ConnectProxy.start();
    TenantProxy system = TenantProxy.of(ProxySettings.system(), null, ProxyEnvironment.of(
        Map.of("https_proxy", proxy.url(), "no_proxy", "127.0.0.1")));

    CheckResult result = check.run(tenant.connection().withProxy(system));

    assertThat(result.ok()).as(String.join("\n", result.lines())).isTrue();
    assertThat(detail(result, "proxy")).isEqualTo("no proxy: 127.0.0.1 matches entry"
        + " '127.0.0.1' of no_proxy");
    assertThat(proxy.connections()).isZero();
  }

  private TenantConnection viaProxy(String url, String user, String password) {
    return tenant.connection().withProxy(TenantProxy.of(ProxySettings.parse(url, user),
        password, ProxyEnvironment.empty()));
  }

  private static void assertFailedAt(CheckResult result, String failed) {
    String text = String.join("\n", result.lines());
    assertThat(result.ok()).as(text).isFalse();
    assertThat(result.steps()).extracting(CheckStep::name).isEqualTo(STEP_NAMES);
    int index = STEP_NAMES.indexOf(failed);
    for (int i = 0; i < STEP_NAMES.size(); i++) {
      CheckStep step = result.steps().get(i);
      if (i < index) {
        assertThat(step.ok()).as(text).isTrue();
      } else if (i == index) {
        assertThat(step.ok()).as(text).isFalse();
        assertThat(step.skipped()).as(text).isFalse();
      } else {
        assertThat(step.skipped()).as(text).isTrue();
      }
    }
    assertThat(result.firstFailure().name()).isEqualTo(failed);
    assertThat(result.lines()).last().isEqualTo("The check failed at step " + failed + ".");
  }

  private static String detail(CheckResult result, String name) {
    return result.steps().stream().filter(step -> step.name().equals(name)).findFirst()
        .orElseThrow().detail();
  }
}

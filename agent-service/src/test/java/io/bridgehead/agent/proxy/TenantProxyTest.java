package io.bridgehead.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantProxyTest {
  private static final String HOST = "tenant.example.com";

  @Test
  void noneIgnoresEnvironment() {
    ProxyRoute route = TenantProxy.of(ProxySettings.none(), null,
        ProxyEnvironment.of(Map.of("https_proxy", "http://env:3128"))).routeTo(HOST, 443);

    assertThat(route.isDirect()).isTrue();
    assertThat(route.proxy()).isEqualTo(Proxy.NO_PROXY);
    assertThat(route.description()).isEqualTo("no proxy (proxy mode none)");
  }

  @Test
  void systemWithoutVariableIsDirect() {
    ProxyRoute route = TenantProxy.of(ProxySettings.system(), null, ProxyEnvironment.empty())
        .routeTo(HOST, 443);

    assertThat(route.isDirect()).isTrue();
    assertThat(route.description()).startsWith("no proxy (none configured");
  }

  @Test
  void systemReadsLowerCaseFirst() {
    ProxyRoute route = TenantProxy.of(ProxySettings.system(), null, ProxyEnvironment.of(Map.of(
        "https_proxy", "http://lower:3128", "HTTPS_PROXY", "http://upper:3128")))
        .routeTo(HOST, 443);

    assertThat(route.proxyHost()).isEqualTo("lower");
    assertThat(route.proxyPort()).isEqualTo(3128);
    assertThat(route.description()).isEqualTo("proxy http://lower:3128 from https_proxy");
  }

  @Test
  void systemAcceptsUpperCaseAndNoScheme() {
    ProxyRoute route = TenantProxy.of(ProxySettings.system(), null,
        ProxyEnvironment.of(Map.of("HTTPS_PROXY", "upper:8080"))).routeTo(HOST, 443);

    assertThat(route.proxyUrl()).isEqualTo("http://upper:8080");
  }

  @Test
  void noProxyEntrySkipsProxy() {
    ProxyRoute route = TenantProxy.of(ProxySettings.system(), null, ProxyEnvironment.of(Map.of(
        "https_proxy", "http://env:3128", "NO_PROXY", "localhost,.example.com")))
        .routeTo(HOST, 443);

    assertThat(route.isDirect()).isTrue();
    assertThat(route.description())
        .isEqualTo("no proxy: tenant.example.com matches entry '.example.com' of NO_PROXY");
  }

  @Test
  void explicitWinsOverEnvironment() {
    ProxyRoute route = TenantProxy.of(ProxySettings.parse("http://explicit:3128", "alice"),
        "secret", ProxyEnvironment.of(Map.of("https_proxy", "http://env:3128",
            "no_proxy", "*"))).routeTo(HOST, 443);

    assertThat(route.proxyUrl()).isEqualTo("http://explicit:3128");
    assertThat(route.username()).isEqualTo("alice");
    assertThat(route.authorization()).contains("Basic YWxpY2U6c2VjcmV0");
    assertThat(route.description())
        .isEqualTo("proxy http://explicit:3128 (set explicitly), as user alice");
  }

  @Test
  void environmentCredentialsUsedUnlessUserSet() {
    ProxyEnvironment environment = ProxyEnvironment.of(Map.of("https_proxy",
        "http://env%20user:p%40ss@env:3128"));

    ProxyRoute fromEnvironment = TenantProxy.of(ProxySettings.system(), null, environment)
        .routeTo(HOST, 443);
    ProxyRoute fromSettings = TenantProxy.of(ProxySettings.system().withUsername("alice"),
        "secret", environment).routeTo(HOST, 443);

    assertThat(fromEnvironment.username()).isEqualTo("env user");
    assertThat(fromEnvironment.authorization()).contains("Basic ZW52IHVzZXI6cEBzcw==");
    assertThat(fromEnvironment.description()).doesNotContain("p@ss").doesNotContain("p%40ss");
    assertThat(fromSettings.username()).isEqualTo("alice");
    assertThat(fromSettings.authorization()).contains("Basic YWxpY2U6c2VjcmV0");
  }

  @Test
  void invalidVariableNamedWithoutPassword() {
    TenantProxy proxy = TenantProxy.of(ProxySettings.system(), null,
        ProxyEnvironment.of(Map.of("https_proxy", "https://bob:s3cret@env:3128")));

    assertThatThrownBy(() -> proxy.routeTo(HOST, 443))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid https_proxy in the environment")
        .hasMessageContaining("not supported")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void passwordNeverInText() {
    TenantProxy proxy = TenantProxy.of(ProxySettings.parse("http://p:3128", "alice"),
        "s3cret", ProxyEnvironment.empty());

    assertThat(proxy.toString()).doesNotContain("s3cret").contains("password=set");
    assertThat(proxy.routeTo(HOST, 443).toString()).doesNotContain("s3cret");
  }
}

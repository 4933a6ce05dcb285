package io.bridgehead.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxySettingsTest {
  @Test
  void optionValuesParse() {
    assertThat(ProxySettings.parse("none", null).mode()).isEqualTo(ProxyMode.NONE);
    assertThat(ProxySettings.parse("SYSTEM", null).mode()).isEqualTo(ProxyMode.SYSTEM);
    ProxySettings explicit = ProxySettings.parse(" http://Proxy.Example.com:3128/ ", "bob");
    assertThat(explicit.mode()).isEqualTo(ProxyMode.EXPLICIT);
    assertThat(explicit.url()).isEqualTo("http://proxy.example.com:3128");
    assertThat(explicit.username()).isEqualTo("bob");
    assertThat(explicit.option()).isEqualTo("http://proxy.example.com:3128");
  }

  @Test
  void ipv6ProxyKeepsBrackets() {
    assertThat(ProxySettings.validateUrl("http://[::1]:3128")).isEqualTo("http://[::1]:3128");
  }

  @Test
  void invalidUrlsNameTheProblem() {
    assertInvalid("proxy.example.com:3128", "it has no scheme");
    assertInvalid("https://proxy.example.com:3128", "over TLS (https://) are not supported");
    assertInvalid("socks5://proxy.example.com:1080", "only HTTP proxies are supported");
    assertInvalid("http://proxy.example.com", "it names no port");
    assertInvalid("http://:3128", "no valid host");
    assertInvalid("http://proxy.example.com:3128/path", "remove the path '/path'");
    assertInvalid("http://proxy.example.com:3128/?a=b", "remove the query");
  }

  @Test
  void credentialsInUrlRejectedAndMasked() {
    assertThatThrownBy(() -> ProxySettings.validateUrl("http://bob:s3cret@proxy:3128"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remove the user name and password from the URL")
        .hasMessageContaining("http://***@proxy:3128")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void urlOnlyWithExplicitMode() {
    assertThatThrownBy(() -> new ProxySettings(ProxyMode.SYSTEM, "http://p:3128", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("explicit only");
    assertThatThrownBy(() -> new ProxySettings(ProxyMode.EXPLICIT, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a proxy URL");
  }

  @Test
  void usernameWithColonRejected() {
    assertThatThrownBy(() -> ProxySettings.parse("http://p:3128", "a:b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not allow a colon");
  }

  @Test
  void missingModeReadsAsSystem() {
    assertThat(new ProxySettings(null, null, null)).isEqualTo(ProxySettings.system());
  }

  private static void assertInvalid(String url, String reason) {
    assertThatThrownBy(() -> ProxySettings.validateUrl(url))
        .as(url)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid proxy URL")
        .hasMessageContaining(reason);
  }
}

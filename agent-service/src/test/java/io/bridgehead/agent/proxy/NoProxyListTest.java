package io.bridgehead.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoProxyListTest {
  @Test
  void hostNameMatchesExactlyIgnoringCase() {
    NoProxyList list = NoProxyList.parse("Tenant.Example.com");

    assertThat(list.match("tenant.example.com", 443)).contains("Tenant.Example.com");
    assertThat(list.match("TENANT.example.com.", 443)).isPresent();
    assertThat(list.match("other.example.com", 443)).isEmpty();
  }

  @Test
  void domainSuffixWithOrWithoutDot() {
    NoProxyList withDot = NoProxyList.parse(".example.com");
    NoProxyList withoutDot = NoProxyList.parse("example.com");

    for (NoProxyList list : new NoProxyList[] {withDot, withoutDot}) {
      assertThat(list.match("tenant.example.com", 443)).isPresent();
      assertThat(list.match("a.b.example.com", 443)).isPresent();
      assertThat(list.match("example.com", 443)).isPresent();
      assertThat(list.match("badexample.com", 443)).isEmpty();
      assertThat(list.match("example.com.evil.org", 443)).isEmpty();
    }
  }

  @Test
  void starMatchesEveryHost() {
    NoProxyList list = NoProxyList.parse("*");

    assertThat(list.match("tenant.example.com", 443)).contains("*");
    assertThat(list.match("10.1.2.3", 8443)).contains("*");
  }

  @Test
  void portEntryMatchesThatPortOnly() {
    NoProxyList list = NoProxyList.parse("tenant.example.com:8443, [::1]:9000");

    assertThat(list.match("tenant.example.com", 8443)).contains("tenant.example.com:8443");
    assertThat(list.match("tenant.example.com", 443)).isEmpty();
    assertThat(list.match("::1", 9000)).contains("[::1]:9000");
    assertThat(list.match("::1", 9001)).isEmpty();
  }

  @Test
  void addressesAndEmptyEntries() {
    NoProxyList list = NoProxyList.parse(" ,127.0.0.1,, ::1 ,");

    assertThat(list.match("127.0.0.1", 8443)).contains("127.0.0.1");
    assertThat(list.match("::1", 8443)).contains("::1");
    assertThat(list.match("127.0.0.2", 8443)).isEmpty();
    assertThat(NoProxyList.parse("").match("127.0.0.1", 1)).isEmpty();
  }
}

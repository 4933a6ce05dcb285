package io.bridgehead.agent.proxy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * The way to one tenant host and port: direct, or through one HTTP proxy with optional Basic
 * credentials. {@link #toString()} and {@link #description()} never contain the password.
 */
public final class ProxyRoute {
  private final String proxyHost;
  private final int proxyPort;
  private final String username;
  private final String password;
  private final String description;

  private ProxyRoute(String proxyHost, int proxyPort, String username, String password,
      String description) {
    this.proxyHost = proxyHost;
    this.proxyPort = proxyPort;
    this.username = username;
    this.password = password;
    this.description = description;
  }

  static ProxyRoute direct(String description) {
    return new ProxyRoute(null, -1, null, null, description);
  }

  static ProxyRoute through(String host, int port, String username, String password,
      String description) {
    return new ProxyRoute(host, port, username, password, description);
  }

  /** Returns true when the route uses no proxy. */
  public boolean isDirect() {
    return proxyHost == null;
  }

  /** Returns the proxy's host name or address; null for a direct route. */
  public String proxyHost() {
    return proxyHost;
  }

  /** Returns the proxy's port; -1 for a direct route. */
  public int proxyPort() {
    return proxyPort;
  }

  /** Returns the proxy as {@code http://HOST:PORT}; null for a direct route. */
  public String proxyUrl() {
    if (proxyHost == null) {
      return null;
    }
    String host = proxyHost.contains(":") ? "[" + proxyHost + "]" : proxyHost;
    return "http://" + host + ":" + proxyPort;
  }

  /** Returns the proxy user, or null when the route sends no credentials. */
  public String username() {
    return username;
  }

  /**
   * Returns the value of a {@code Proxy-Authorization} header with Basic credentials, or
   * empty when the route has no proxy user.
   */
  public Optional<String> authorization() {
    if (username == null) {
      return Optional.empty();
    }
    return Optional.of(Credentials.basic(username, password == null ? "" : password,
        StandardCharsets.UTF_8));
  }

  /** Returns the proxy for OkHttp, {@link Proxy#NO_PROXY} for a direct route. */
  public Proxy proxy() {
    if (proxyHost == null) {
      return Proxy.NO_PROXY;
    }
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxyHost, proxyPort));
  }

  /** Returns the authenticator that responds to this route's proxy challenges. */
  public Authenticator authenticator() {
    return new BasicProxyAuthenticator(this);
  }

  /**
   * Returns how the route was chosen, for logs and the connection check, for example
   * {@code proxy http://proxy.example.com:3128 from https_proxy, as user alice}.
   */
  public String description() {
    return description;
  }

  /** Returns the error for a proxy that rejected this route's credentials or asked for some. */
  public ProxyAuthenticationException authenticationFailed() {
    if (username == null) {
      return new ProxyAuthenticationException("the proxy " + proxyUrl() + " requires"
          + " authentication (HTTP 407), and no proxy user is set; set the proxy user and"
          + " password");
    }
    return new ProxyAuthenticationException("proxy authentication failed for user "
        + username + " at " + proxyUrl() + " (HTTP 407); check the proxy user name and"
        + " password");
  }

  @Override
  public String toString() {
    return description;
  }
}

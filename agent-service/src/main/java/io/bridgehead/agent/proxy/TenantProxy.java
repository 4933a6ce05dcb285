package io.bridgehead.agent.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The proxy settings, the proxy password and the environment they are resolved against: all
 * that decides how a tenant call leaves the host. Explicit settings win over the environment;
 * {@code system} reads {@code https_proxy} and {@code no_proxy}; {@code none} connects
 * directly. {@link #toString()} never contains the password.
 *
 * <pre>{@code
 * TenantProxy proxy = TenantProxy.of(settings, password, ProxyEnvironment.system());
 * ProxyRoute route = proxy.routeTo("tenant.example.com", 443);
 * }</pre>
 */
public final class TenantProxy {
  private static final TenantProxy DIRECT =
      new TenantProxy(ProxySettings.none(), null, ProxyEnvironment.empty());

  private final ProxySettings settings;
  private final String password;
  private final ProxyEnvironment environment;

  private TenantProxy(ProxySettings settings, String password, ProxyEnvironment environment) {
    this.settings = settings;
    this.password = password == null || password.isEmpty() ? null : password;
    this.environment = environment;
  }

  /** Returns a direct connection, whatever the environment variables contain. */
  public static TenantProxy direct() {
    return DIRECT;
  }

  /**
   * Combines settings with a password and an environment.
   *
   * @param password the proxy password, or null for none
   */
  public static TenantProxy of(ProxySettings settings, String password,
      ProxyEnvironment environment) {
    return new TenantProxy(settings, password, environment);
  }

  public ProxySettings settings() {
    return settings;
  }

  /** Returns the stored proxy password, or null when none is set. Never log it. */
  public String password() {
    return password;
  }

  /**
   * Returns the way to the tenant at {@code host} and {@code port}.
   *
   * @throws IllegalArgumentException when {@code https_proxy} in the environment is not a
   *     valid proxy URL; the message names the variable and what to fix
   */
  public ProxyRoute routeTo(String host, int port) {
    return switch (settings.mode()) {
      case NONE -> ProxyRoute.direct("no proxy (proxy mode none)");
      case EXPLICIT -> explicitRoute();
      case SYSTEM -> systemRoute(host, port);
    };
  }

  private ProxyRoute explicitRoute() {
    URI uri = URI.create(settings.url());
    return ProxyRoute.through(bare(uri.getHost()), uri.getPort(), settings.username(),
        password, "proxy " + settings.url() + " (set explicitly)" + asUser(settings.username()));
  }

  private ProxyRoute systemRoute(String host, int port) {
    Optional<ProxyEnvironment.Variable> proxyVariable = environment.httpsProxy();
    if (proxyVariable.isEmpty()) {
      return ProxyRoute.direct("no proxy (none configured: " + ProxyEnvironment.HTTPS_PROXY
          + " is not set)");
    }
    Optional<ProxyEnvironment.Variable> noProxy = environment.noProxy();
    if (noProxy.isPresent()) {
      Optional<String> entry = NoProxyList.parse(noProxy.get().value()).match(host, port);
      if (entry.isPresent()) {
        return ProxyRoute.direct("no proxy: " + host + " matches entry '" + entry.get()
            + "' of " + noProxy.get().name());
      }
    }
    ProxyEnvironment.Variable variable = proxyVariable.get();
    String text = variable.value().contains("://") ? variable.value()
        : "http://" + variable.value();
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw invalidVariable(variable, "it is not a valid URL; use http://HOST:PORT");
    }
    String userInfo = uri.getUserInfo();
    String withoutUser;
    try {
      withoutUser = ProxySettings.validateUrl(new URI(uri.getScheme(), null, uri.getHost(),
          uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()).toString());
    } catch (IllegalArgumentException | URISyntaxException e) {
      throw invalidVariable(variable, e.getMessage());
    }

    String user = settings.username();
    String secret = password;
    if (user == null && userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      secret = colon < 0 ? null : userInfo.substring(colon + 1);
    }
    URI proxy = URI.create(withoutUser);
    return ProxyRoute.through(bare(proxy.getHost()), proxy.getPort(), user, secret,
        "proxy " + withoutUser + " from " + variable.name() + asUser(user));
  }

  private static IllegalArgumentException invalidVariable(ProxyEnvironment.Variable variable,
      String reason) {
    return new IllegalArgumentException("invalid " + variable.name() + " in the environment ('"
        + ProxyUrls.masked(variable.value()) + "'): " + reason + "; fix the variable, or set"
        + " the proxy explicitly or to none");
  }

  private static String asUser(String user) {
    return user == null ? "" : ", as user " + user;
  }

  /** Returns a host without the brackets {@link URI} keeps around an IPv6 address. */
  private static String bare(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return "TenantProxy[" + settings + ", password=" + (password == null ? "not set" : "set")
        + "]";
  }
}

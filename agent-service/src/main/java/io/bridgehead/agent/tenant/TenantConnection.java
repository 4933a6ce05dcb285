package io.bridgehead.agent.tenant;

import io.bridgehead.agent.proxy.TenantProxy;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The tenant's address and the rule for trusting it.
 *
 * @param url the tenant's base URL; https only
 * @param fingerprint the pinned SHA-256 fingerprint of the tenant's certificate, or null to
 *     validate its chain against the system trust store
 * @param caBundle a PEM file of extra CAs to trust, or null
 * @param proxy how calls reach the tenant: directly or through a proxy; null means
 *     {@link TenantProxy#direct()}
 */
public record TenantConnection(String url, CertificateFingerprint fingerprint, Path caBundle,
    TenantProxy proxy) {

  public TenantConnection {
    proxy = proxy == null ? TenantProxy.direct() : proxy;
  }

  /**
   * Makes a connection without a proxy, whatever the environment variables contain. The
   * agent's stored connection comes from
   * {@link io.bridgehead.agent.config.AgentConfig#connection}, which applies its proxy
   * settings.
   */
  public TenantConnection(String url, CertificateFingerprint fingerprint, Path caBundle) {
    this(url, fingerprint, caBundle, TenantProxy.direct());
  }

  /** Returns this connection with another proxy. */
  public TenantConnection withProxy(TenantProxy newProxy) {
    return new TenantConnection(url, fingerprint, caBundle, newProxy);
  }

  /** Returns the tenant's host name or address, without brackets around an IPv6 address. */
  public String host() {
    String host = URI.create(url).getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Returns the tenant's port: the URL's, else 443. */
  public int port() {
    int port = URI.create(url).getPort();
    return port == -1 ? 443 : port;
  }

  /**
   * Checks a tenant URL typed by a person and returns it without a trailing slash. A valid URL
   * is {@code https://HOST[:PORT]} with a port from 1 to 65535 and no path other than "/", no
   * user name, query or fragment.
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  public static String validateUrl(String url) {
    String trimmed = url == null ? "" : url.trim();
    if (!trimmed.contains("://")) {
      throw invalid(url, "it does not start with https://, so use https://HOST[:PORT]");
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw invalid(url, e.getMessage() + "; use https://HOST[:PORT]");
    }

    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https")) {
      throw invalid(url, "Bridgehead talks to the tenant over HTTPS only, so use"
          + " https://HOST[:PORT]");
    }
    if (uri.getHost() == null) {
      throw invalid(url, "it names no valid host and port; use https://HOST[:PORT]");
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      throw invalid(url, "port " + uri.getPort() + " is out of range; use 1 to 65535");
    }

    if (uri.getRawUserInfo() != null) {
      throw invalid(url, "remove the user name; the tenant URL is https://HOST[:PORT]");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !path.equals("/")) {
      throw invalid(url, "remove the path '" + path + "'; the tenant URL is"
          + " https://HOST[:PORT]");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(url, "remove the query or fragment");
    }

    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static IllegalArgumentException invalid(String url, String reason) {
    return new IllegalArgumentException("invalid tenant URL '" + url + "': " + reason);
  }
}

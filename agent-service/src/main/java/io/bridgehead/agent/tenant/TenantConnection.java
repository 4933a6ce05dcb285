package io.bridgehead.agent.tenant;

import io.bridgehead.wire.tls.CertificateFingerprint;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the tenant is and how to trust it.
 *
 * @param url the tenant's base URL; https only
 * @param fingerprint the pinned SHA-256 fingerprint of the tenant's certificate, or null to
 *     validate its chain against the system trust store
 * @param caBundle a PEM file of extra CAs to trust, or null
 */
public record TenantConnection(String url, CertificateFingerprint fingerprint, Path caBundle) {

  /**
   * Checks a tenant URL typed by a person and returns it without a trailing slash.
   *
   * @throws IllegalArgumentException naming the value and what is wrong with it
   */
  public static String validateUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid tenant URL '" + url + "': " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https")) {
      throw new IllegalArgumentException("invalid tenant URL '" + url + "': the agent talks to"
          + " the tenant over HTTPS only, so use https://HOST[:PORT]");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("invalid tenant URL '" + url + "': it names no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("invalid tenant URL '" + url
          + "': remove the query or fragment");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}

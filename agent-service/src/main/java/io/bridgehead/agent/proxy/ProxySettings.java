package io.bridgehead.agent.proxy;

import java.net.URI;
import java.util.Locale;

/**
 * How the agent reaches the tenant: directly, through the proxy the environment names, or
 * through an explicit proxy. Stored as {@code "proxy"} in {@code agent.json}; a file without it
 * means {@link #system()}. The password is not part of the settings: it is stored apart, in
 * the data folder's {@code proxy-password} file, mode 0600.
 *
 * @param mode where the proxy comes from; null reads as {@link ProxyMode#SYSTEM}
 * @param url the proxy as {@code http://HOST:PORT}, set with {@link ProxyMode#EXPLICIT} only
 * @param username the user for the proxy's Basic authentication, or null for none; with
 *     {@link ProxyMode#SYSTEM} it replaces a user named in {@code https_proxy}
 * @throws IllegalArgumentException naming the value and what to do when a setting is invalid
 */
public record ProxySettings(ProxyMode mode, String url, String username) {
  /** The value of the {@code --proxy} option and of the {@code proxy} key for no proxy. */
  public static final String NONE_OPTION = "none";
  /** The value of the {@code --proxy} option and of the {@code proxy} key for the environment. */
  public static final String SYSTEM_OPTION = "system";

  public ProxySettings {
    mode = mode == null ? ProxyMode.SYSTEM : mode;
    String trimmedUrl = url == null || url.isBlank() ? null : url.trim();
    if (mode == ProxyMode.EXPLICIT) {
      if (trimmedUrl == null) {
        throw new IllegalArgumentException("proxy mode explicit needs a proxy URL; give"
            + " http://HOST:PORT, for example http://proxy.example.com:3128");
      }
      url = validateUrl(trimmedUrl);
    } else if (trimmedUrl != null) {
      throw new IllegalArgumentException("a proxy URL (" + ProxyUrls.masked(trimmedUrl)
          + ") is used with proxy mode explicit only, not " + mode.wireName());
    } else {
      url = null;
    }
    username = username == null || username.isBlank() ? null : validateUsername(username);
  }

  /** Returns settings for a direct connection. */
  public static ProxySettings none() {
    return new ProxySettings(ProxyMode.NONE, null, null);
  }

  /** Returns settings that follow {@code https_proxy} and {@code no_proxy}, the default. */
  public static ProxySettings system() {
    return new ProxySettings(ProxyMode.SYSTEM, null, null);
  }

  /**
   * Parses the value of a {@code --proxy} option: {@code none}, {@code system} or a proxy URL
   * {@code http://HOST:PORT}.
   *
   * @param username the proxy user, or null
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static ProxySettings parse(String option, String username) {
    String value = option == null ? "" : option.trim();
    if (value.equalsIgnoreCase(NONE_OPTION)) {
      return new ProxySettings(ProxyMode.NONE, null, username);
    }
    if (value.equalsIgnoreCase(SYSTEM_OPTION) || value.isEmpty()) {
      return new ProxySettings(ProxyMode.SYSTEM, null, username);
    }
    return new ProxySettings(ProxyMode.EXPLICIT, value, username);
  }

  /** Returns these settings with another proxy user, or none for null. */
  public ProxySettings withUsername(String newUsername) {
    return new ProxySettings(mode, url, newUsername);
  }

  /** Returns the form {@link #parse} takes: {@code none}, {@code system} or the URL. */
  public String option() {
    return switch (mode) {
      case NONE -> NONE_OPTION;
      case SYSTEM -> SYSTEM_OPTION;
      case EXPLICIT -> url;
    };
  }

  /**
   * Checks a proxy URL typed by a person and returns it as {@code http://HOST:PORT}, with the
   * host in lower case. Only HTTP proxies are supported, reached in plain HTTP; the tunnel to
   * the tenant through them is TLS either way.
   *
   * @throws IllegalArgumentException naming the value (with any password in it masked) and
   *     what is wrong with it
   */
  public static String validateUrl(String url) {
    String trimmed = url == null ? "" : url.trim();
    if (!trimmed.contains("://")) {
      throw invalid(trimmed, "it has no scheme; use http://HOST:PORT, for example"
          + " http://proxy.example.com:3128");
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw invalid(trimmed, "it is not a valid URL; use http://HOST:PORT");
    }

    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      throw invalid(trimmed, "proxies reached over TLS (https://) are not supported; use"
          + " http://HOST:PORT, the connection to the tenant through it is still TLS");
    }
    if (!scheme.equals("http")) {
      throw invalid(trimmed, "only HTTP proxies are supported, not " + scheme
          + "; use http://HOST:PORT");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid(trimmed, "remove the user name and password from the URL; give the user"
          + " as the proxy user and the password as the proxy password instead");
    }

    if (uri.getHost() == null) {
      throw invalid(trimmed, "it names no valid host; use http://HOST:PORT");
    }
    if (uri.getPort() == -1) {
      throw invalid(trimmed, "it names no port; use http://HOST:PORT, for example"
          + " http://proxy.example.com:3128");
    }
    if (uri.getPort() < 1 || uri.getPort() > 65535) {
      throw invalid(trimmed, "port " + uri.getPort() + " is out of range; use 1 to 65535");
    }

    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !path.equals("/")) {
      throw invalid(trimmed, "remove the path '" + path + "'; a proxy URL is http://HOST:PORT");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(trimmed, "remove the query or fragment; a proxy URL is http://HOST:PORT");
    }
    return "http://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
  }

  private static String validateUsername(String username) {
    String trimmed = username.trim();
    if (trimmed.contains(":")) {
      throw new IllegalArgumentException("invalid proxy user '" + trimmed + "': Basic"
          + " authentication does not allow a colon in the user name");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("invalid proxy user: it contains a control"
          + " character; give the user name alone");
    }
    return trimmed;
  }

  private static IllegalArgumentException invalid(String url, String reason) {
    return new IllegalArgumentException("invalid proxy URL '" + ProxyUrls.masked(url) + "': "
        + reason);
  }
}

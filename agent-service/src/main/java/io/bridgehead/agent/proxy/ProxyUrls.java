package io.bridgehead.agent.proxy;

import java.util.regex.Pattern;

/** Text helpers for proxy URLs that may carry a password. */
final class ProxyUrls {
  /** The user information of a URL: everything between "://" and the last "@" of the host. */
  private static final Pattern USER_INFO = Pattern.compile("(://)[^/?#]*@");

  private ProxyUrls() {}

  /** Returns {@code url} with any user name and password replaced by {@code ***}. */
  static String masked(String url) {
    return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1***@");
  }
}

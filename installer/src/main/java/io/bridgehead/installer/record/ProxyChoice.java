package io.bridgehead.installer.record;

import java.util.Objects;

/**
 * The proxy chosen at install time. The password is never part of it.
 *
 * @param mode {@code none}, {@code system} or {@code explicit}
 * @param url the proxy's {@code http://host:port} for {@code explicit}, else null
 * @param username the user for Basic authentication, or null
 */
public record ProxyChoice(String mode, String url, String username) {

  public static final ProxyChoice SYSTEM = new ProxyChoice("system", null, null);

  public ProxyChoice {
    Objects.requireNonNull(mode, "mode");
  }
}

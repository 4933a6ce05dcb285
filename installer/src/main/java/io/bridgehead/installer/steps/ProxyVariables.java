package io.bridgehead.installer.steps;

import io.bridgehead.agent.proxy.ProxyEnvironment;
import io.bridgehead.installer.record.ProxyChoice;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxy variables a service needs. With {@code --proxy system} the agent reads
 * {@code https_proxy} and {@code no_proxy}, but a service that systemd or the Service Control
 * Manager starts does not inherit the installing shell's environment, so the installer
 * copies those variables into the service's definition.
 */
final class ProxyVariables {
  private ProxyVariables() {}

  /**
   * Returns the variables of {@code environment} that the service should get.
   *
   * @throws IllegalArgumentException when a proxy variable contains a user name or password,
   *     which must not be copied into a unit file that every local user can read
   */
  static Map<String, String> forService(ProxyChoice choice, Map<String, String> environment) {
    Map<String, String> copied = new TreeMap<>();
    if (!choice.mode().equals("system")) {
      return copied;
    }
    for (String name : new String[] {ProxyEnvironment.HTTPS_PROXY, ProxyEnvironment.NO_PROXY}) {
      for (String variant : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
        String value = environment.get(variant);
        if (value != null && value.contains("@")) {
          throw new IllegalArgumentException(variant + " contains a user name or password,"
              + " which the installer will not copy into the service's definition; give"
              + " --proxy http://HOST:PORT with --proxy-user and --proxy-password-file instead");
        }
        if (value != null && !value.isBlank()) {
          copied.put(variant, value.trim());
        }
      }
    }
    return copied;
  }
}

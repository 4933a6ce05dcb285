package io.bridgehead.agent.proxy;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The proxy variables of a process environment: {@code https_proxy} (else {@code HTTPS_PROXY})
 * and {@code no_proxy} (else {@code NO_PROXY}). The lower-case name is read first, as curl and
 * wget do. An empty value counts as unset. Tests pass their own variables instead of changing
 * the JVM's environment.
 */
public final class ProxyEnvironment {
  public static final String HTTPS_PROXY = "https_proxy";
  public static final String NO_PROXY = "no_proxy";

  private static final ProxyEnvironment SYSTEM = new ProxyEnvironment(System::getenv);
  private static final ProxyEnvironment EMPTY = new ProxyEnvironment(name -> null);

  private final UnaryOperator<String> lookup;

  private ProxyEnvironment(UnaryOperator<String> lookup) {
    this.lookup = lookup;
  }

  /** Returns the environment of this process. */
  public static ProxyEnvironment system() {
    return SYSTEM;
  }

  /** Returns an environment with no proxy variables. */
  public static ProxyEnvironment empty() {
    return EMPTY;
  }

  /** Returns an environment that contains exactly {@code variables}. */
  public static ProxyEnvironment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return new ProxyEnvironment(copy::get);
  }

  /** Returns the proxy for HTTPS requests, or empty when neither variable is set. */
  public Optional<Variable> httpsProxy() {
    return first(HTTPS_PROXY);
  }

  /** Returns the list of hosts reached without a proxy, or empty when it is not set. */
  public Optional<Variable> noProxy() {
    return first(NO_PROXY);
  }

  private Optional<Variable> first(String lowerCaseName) {
    for (String name : new String[] {lowerCaseName, lowerCaseName.toUpperCase()}) {
      String value = lookup.apply(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(new Variable(name, value.trim()));
      }
    }
    return Optional.empty();
  }

  /**
   * One environment variable.
   *
   * @param name the variable's name as it was found, so messages name the one that is set
   * @param value its value, trimmed; {@link #toString()} masks a password in it
   */
  public record Variable(String name, String value) {
    @Override
    public String toString() {
      return name + "=" + ProxyUrls.masked(value);
    }
  }
}

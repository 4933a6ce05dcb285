package io.bridgehead.agent.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/** Looks up the addresses of a host name. */
public interface HostResolver {
  /**
   * Returns the host's addresses, at least one.
   *
   * @throws UnknownHostException when the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /**
   * Returns the system's resolver, except that names under {@code invalid} fail at once
   * without a query, as RFC 6761 section 6.4 recommends for resolver libraries.
   */
  static HostResolver system() {
    return host -> {
      String name = host.toLowerCase(Locale.ROOT);
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (name.equals("invalid") || name.endsWith(".invalid")) {
        throw new UnknownHostException(host + ": names under .invalid never resolve");
      }
      return List.of(InetAddress.getAllByName(host));
    };
  }
}

package io.bridgehead.agent.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts that {@code no_proxy} sends past the proxy: a comma-separated list whose entries
 * are {@code *} (every host), a host name or IP address, a domain suffix with or without a
 * leading dot ({@code example.com} and {@code .example.com} both match {@code example.com} and
 * every name under it), each optionally with {@code :PORT} to match that port only. Case and a
 * trailing dot are ignored. IPv6 addresses with a port are written in brackets.
 *
 * <p>NOTE: address ranges in CIDR form ({@code 10.0.0.0/8}) are not supported; such an entry
 * matches only a host written exactly so, which no host name is.
 */
public final class NoProxyList {
  private record Entry(String text, String host, int port) {}

  private final List<Entry> entries;

  private NoProxyList(List<Entry> entries) {
    this.entries = entries;
  }

  /** Parses a {@code no_proxy} value; empty entries are skipped. */
  public static NoProxyList parse(String value) {
    List<Entry> entries = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        String text = part.trim();
        if (!text.isEmpty()) {
          entries.add(entry(text));
        }
      }
    }
    return new NoProxyList(List.copyOf(entries));
  }

  /** Returns the first entry that matches the host and port, or empty when none does. */
  public Optional<String> match(String host, int port) {
    String name = normalize(host);
    for (Entry entry : entries) {
      if (entry.port() != -1 && entry.port() != port) {
        continue;
      }
      if (entry.host().equals("*") || name.equals(entry.host())
          || name.endsWith("." + entry.host())) {
        return Optional.of(entry.text());
      }
    }
    return Optional.empty();
  }

  private static Entry entry(String text) {
    String host = text;
    int port = -1;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close > 0) {
        port = portAfter(host, close + 1);
        host = host.substring(1, close);
      }
    } else if (host.indexOf(':') == host.lastIndexOf(':')) {
      // One colon: HOST:PORT. Several: a bare IPv6 address without a port.
      int colon = host.indexOf(':');
      if (colon > 0) {
        port = portAfter(host, colon);
        host = port == -1 ? host : host.substring(0, colon);
      }
    }
    if (host.startsWith("*.")) {
      host = host.substring(2);
    } else if (host.startsWith(".")) {
      host = host.substring(1);
    }
    return new Entry(text, normalize(host), port);
  }

  /** Returns the port after the colon at {@code colon}, or -1 when there is no valid one. */
  private static int portAfter(String text, int colon) {
    if (colon >= text.length() || text.charAt(colon) != ':') {
      return -1;
    }
    String digits = text.substring(colon + 1);
    if (!digits.matches("\\d{1,5}")) {
      return -1;
    }
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65535 ? port : -1;
  }

  private static String normalize(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}

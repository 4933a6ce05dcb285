package io.bridgehead.agent.host;

import java.util.Locale;
import java.util.Map;

/** Which service manager a service reports to, as {@code --service-host} names it. */
public enum HostKind {
  /** Systemd when {@code NOTIFY_SOCKET} is set, else foreground; never Windows. */
  AUTO,
  FOREGROUND,
  SYSTEMD,
  WINDOWS;

  /** The environment variable systemd sets for a {@code Type=notify} service. */
  public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

  /** Returns the option's value for this kind, such as {@code systemd}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the kind an option value names.
   *
   * @throws IllegalArgumentException for any other value, with the accepted ones
   */
  public static HostKind parse(String value) {
    for (HostKind kind : values()) {
      if (kind.optionName().equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("invalid --service-host '" + value
        + "'; use auto, foreground, systemd or windows");
  }

  /**
   * Returns the concrete kind for this one in {@code environment}. Auto never picks Windows,
   * because nothing in the environment shows that the Service Control Manager started the
   * process; the installer registers services with {@code --service-host windows}.
   */
  public HostKind resolve(Map<String, String> environment) {
    if (this != AUTO) {
      return this;
    }
    String socket = environment.get(NOTIFY_SOCKET);
    return socket != null && !socket.isEmpty() ? SYSTEMD : FOREGROUND;
  }
}

package io.bridgehead.agent.proxy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The source of the proxy that tenant calls go through. */
public enum ProxyMode {
  /** Connect to the tenant directly, whatever the environment variables contain. */
  NONE("none"),
  /**
   * Use {@code https_proxy} and {@code no_proxy} from the process's environment.
   *
   * <p>NOTE: on Windows this reads the same variables; the WinHTTP and Internet Options proxy
   * settings are not read, and this mode has never run on Windows.
   */
  SYSTEM("system"),
  /** Use the proxy URL in the settings; the environment is ignored. */
  EXPLICIT("explicit");

  private final String wireName;

  ProxyMode(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the name stored in {@code agent.json}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Parses a mode by its stored name, ignoring case.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  @JsonCreator
  public static ProxyMode parse(String value) {
    String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ProxyMode mode : values()) {
      if (mode.wireName.equals(wanted)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown proxy mode '" + value
        + "': use none, system or explicit");
  }
}

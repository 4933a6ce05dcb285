package io.bridgehead.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the running agent, taken from the build. */
public final class AgentVersion {
  private static final String VERSION = load();

  private AgentVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}

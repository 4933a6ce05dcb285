package io.bridgehead.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the running tenant, taken from the build. */
public final class TenantVersion {
  private static final String VERSION = load();

  private TenantVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = TenantVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}

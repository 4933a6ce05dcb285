package io.bridgehead.agent.script;

import java.util.Locale;

/** Facts about the operating system the service runs on. */
final class Platform {
  private Platform() {}

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }
}

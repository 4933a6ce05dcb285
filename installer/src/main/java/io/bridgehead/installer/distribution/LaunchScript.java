package io.bridgehead.installer.distribution;

/** The {@code bin/bridgehead} shell script of an installed version. */
public final class LaunchScript {
  private LaunchScript() {}

  /**
   * Returns the script's text. It runs the bundled runtime when the version has one, else the
   * Java the installer ran on, with every jar in the version's {@code lib/}.
   */
  public static String render(Distribution distribution) {
    String java = distribution.runtime() != null ? "\"$version/runtime/bin/java\""
        : quote(distribution.java().toString());
    return String.join("\n",
        "#!/bin/sh",
        "# Runs Bridgehead " + distribution.version() + ". Written by the Bridgehead installer;"
            + " extra JVM",
        "# options come from $BRIDGEHEAD_JAVA_OPTS.",
        "set -eu",
        "version=$(cd \"$(dirname \"$0\")/..\" && pwd -P)",
        "# shellcheck disable=SC2086 # BRIDGEHEAD_JAVA_OPTS is a list of options on purpose.",
        "exec " + java + " ${BRIDGEHEAD_JAVA_OPTS:-} -cp \"$version/lib/*\" "
            + distribution.mainClass() + " \"$@\"",
        "");
  }

  /** Quotes a path for sh with single quotes. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}

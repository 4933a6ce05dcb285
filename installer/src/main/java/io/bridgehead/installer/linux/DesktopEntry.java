package io.bridgehead.installer.linux;

import java.nio.file.Path;

/** The console's XDG autostart entry, which desktop sessions start at login. */
public final class DesktopEntry {
  private DesktopEntry() {}

  /**
   * Returns the entry's text, which runs {@code PROGRAM console}, followed by
   * {@code --ipc-dir SOCKETS} unless {@code sockets} is null.
   */
  public static String render(Path program, Path sockets) {
    String command = quote(program.toString()) + " console";
    if (sockets != null) {
      command += " --ipc-dir " + quote(sockets.toString());
    }
    return String.join("\n",
        "[Desktop Entry]",
        "Type=Application",
        "Name=Bridgehead console",
        "Comment=Shows the Bridgehead agent's status in the system tray",
        "Exec=" + command,
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "");
  }

  /** Quotes an argument for the Exec key when it contains characters the key reserves. */
  private static String quote(String argument) {
    if (argument.chars().noneMatch(c -> " \t\"'\\`$;&|<>()*?#~=%".indexOf(c) >= 0)) {
      return argument;
    }
    return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`")
        .replace("$", "\\$") + "\"";
  }
}

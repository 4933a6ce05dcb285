package io.bridgehead.installer.linux;

import java.nio.file.Path;

/** The console's XDG autostart entry, which desktop sessions start at login. */
public final class DesktopEntry {
  private DesktopEntry() {}

  /** Returns the entry's text, which runs {@code PROGRAM console}. */
  public static String render(Path program) {
    return String.join("\n",
        "[Desktop Entry]",
        "Type=Application",
        "Name=Bridgehead console",
        "Comment=Shows the Bridgehead agent's status in the system tray",
        "Exec=" + quote(program.toString()) + " console",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "");
  }

  /** Quotes a path for the Exec key when it contains characters the key reserves. */
  private static String quote(String path) {
    if (path.chars().noneMatch(c -> " \t\"'\\`$;&|<>()*?#~=%".indexOf(c) >= 0)) {
      return path;
    }
    return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`")
        .replace("$", "\\$") + "\"";
  }
}

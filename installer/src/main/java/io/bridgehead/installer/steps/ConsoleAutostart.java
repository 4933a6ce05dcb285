package io.bridgehead.installer.steps;

import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Commands;
import io.bridgehead.installer.linux.DesktopEntry;
import io.bridgehead.installer.plan.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the console at every desktop login: an XDG autostart entry on Linux, a value under
 * {@code HKLM\Software\Microsoft\Windows\CurrentVersion\Run} on Windows.
 */
final class ConsoleAutostart implements Step {
  private static final String RUN_KEY = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
  private static final String RUN_VALUE = "BridgeheadConsole";

  private final InstallContext context;
  private final WrittenFiles files;
  private boolean registryWritten;

  ConsoleAutostart(InstallContext context) {
    this.context = context;
    this.files = new WrittenFiles(context.journal());
  }

  @Override
  public String description() {
    return "Start the console at desktop login";
  }

  @Override
  public void run() throws IOException {
    if (context.layout().windows()) {
      // NOTE: never run; no Windows machine was at hand.
      String program = ServiceDefinitions.command(context,
          context.settings().modules().get(0), null).get(0);
      Commands.check(List.of("reg", "add", RUN_KEY, "/v", RUN_VALUE, "/t", "REG_SZ", "/d",
          "\"" + program + "\" console", "/f"));
      registryWritten = true;
      return;
    }
    Path sockets = context.layout().runDir();
    if (InstallLayout.LINUX_RUN_DIR.equals(sockets)) {
      sockets = null;
    }
    files.write(context.layout().autostartFile(),
        DesktopEntry.render(context.layout().currentProgram(), sockets), "rw-r--r--");
  }

  @Override
  public void undo() throws IOException {
    if (registryWritten) {
      Commands.check(List.of("reg", "delete", RUN_KEY, "/v", RUN_VALUE, "/f"));
      registryWritten = false;
    }
    files.undo();
  }
}

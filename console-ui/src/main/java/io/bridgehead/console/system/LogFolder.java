package io.bridgehead.console.system;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens a folder in the desktop's file manager. */
public final class LogFolder {
  private LogFolder() {}

  /**
   * Opens the folder through {@link Desktop}, or {@code xdg-open} where AWT cannot; blocks
   * while the file manager starts, so call it off the FX thread.
   *
   * @throws IOException when the folder is missing or no file manager could be started
   */
  public static void open(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("the log folder " + folder + " does not exist");
    }
    if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
        && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
      Desktop.getDesktop().open(folder.toFile());
      return;
    }
    try {
      new ProcessBuilder(List.of("xdg-open", folder.toString())).inheritIO().start();
    } catch (IOException e) {
      throw new IOException("cannot open " + folder + ": no file manager found ("
          + e.getMessage() + "); open the folder by hand", e);
    }
  }
}

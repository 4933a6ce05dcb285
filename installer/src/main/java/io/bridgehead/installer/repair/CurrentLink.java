package io.bridgehead.installer.repair;

import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.layout.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code current} pointer of an installation: on Linux a relative symbolic link, replaced
 * by a rename so that it switches atomically; on Windows the pointer file {@code current.txt}.
 */
final class CurrentLink {
  private CurrentLink() {}

  /** Returns the version folder {@code current} points at, or null when it is missing. */
  static Path target(InstallLayout layout) throws IOException {
    Path current = layout.current();
    if (layout.windows()) {
      return Files.isRegularFile(current)
          ? layout.installDir().resolve(Files.readString(current).trim()).normalize() : null;
    }
    return Files.isSymbolicLink(current)
        ? layout.installDir().resolve(Files.readSymbolicLink(current)).normalize() : null;
  }

  /**
   * Points {@code current} at {@code version}.
   *
   * @throws IOException when {@code current} is a file or folder, not a link, naming it
   */
  static void pointAt(InstallLayout layout, Path version) throws IOException {
    Path current = layout.current();
    Path relative = layout.installDir().relativize(version);
    if (layout.windows()) {
      // NOTE: never run; written as the installer writes the pointer file.
      FileTrees.write(current, relative + "\r\n", "rw-r--r--");
      return;
    }
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)) {
      throw new IOException(current + " exists and is not a symbolic link; move it away and"
          + " run repair again");
    }
    Path temporary = current.resolveSibling("." + current.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    Files.createSymbolicLink(temporary, relative);
    Files.move(temporary, current, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}

package io.bridgehead.installer.layout;

import io.bridgehead.installer.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code current} pointer of an installation, which selects the version folder the
 * services run: on Linux a relative symbolic link {@code current -> versions/V}, on Windows
 * the file {@code current.txt} that contains {@code versions\V}. Install, the updater and
 * repair switch it only through this class.
 */
public final class CurrentPointer {
  private CurrentPointer() {}

  /**
   * Returns the pointer's target relative to the install folder, such as
   * {@code versions/1.4.0}, or null when there is no pointer.
   *
   * @throws IOException when {@code current} exists but is not a symbolic link (Linux)
   */
  public static Path target(InstallLayout layout) throws IOException {
    Path current = layout.current();
    if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (layout.windows()) {
      return Path.of(Files.readString(current).trim());
    }
    if (!Files.isSymbolicLink(current)) {
      throw new IOException(current + " exists and is not a symbolic link; move it away");
    }
    return Files.readSymbolicLink(current);
  }

  /**
   * Returns the version the pointer selects, the name of its target folder, or null when
   * there is no pointer.
   */
  public static String version(InstallLayout layout) throws IOException {
    Path target = target(layout);
    return target == null ? null : target.getFileName().toString();
  }

  /**
   * Points {@code current} at {@code versionDir}. On Linux a new link is made beside the old
   * one and renamed over it, so the switch is atomic: a reader sees the old or the new target,
   * never none.
   *
   * @param versionDir a folder under {@link InstallLayout#versionsDir()}
   */
  public static void pointAt(InstallLayout layout, Path versionDir) throws IOException {
    restore(layout, layout.installDir().relativize(versionDir));
  }

  /**
   * Points {@code current} at {@code target}, a path relative to the install folder as
   * {@link #target} returns it.
   */
  public static void restore(InstallLayout layout, Path target) throws IOException {
    Path current = layout.current();
    if (layout.windows()) {
      // NOTE: never run; no Windows machine was at hand. FileTrees.write replaces the file
      // by a rename too.
      FileTrees.write(current, target + "\r\n", "rw-r--r--");
      return;
    }
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)) {
      throw new IOException(current + " exists and is not a symbolic link; move it away");
    }
    Path temporary = current.resolveSibling("." + current.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    Files.createSymbolicLink(temporary, target);
    Files.move(temporary, current, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}

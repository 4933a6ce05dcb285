package io.bridgehead.installer.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands files that the updater makes in the update folder to the folder's owner, the
 * services' account, so that the services can read them. On a system installation the
 * updater runs as root, and the files it makes belong to root and are owner-only at first.
 */
final class SharedFiles {
  private SharedFiles() {}

  /**
   * Gives {@code file} the owner and group of its folder and the POSIX {@code mode}. Does
   * nothing where the file system has no POSIX modes.
   */
  static void share(Path file, String mode) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file,
        PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    PosixFileAttributes folder = Files.readAttributes(file.toAbsolutePath().getParent(),
        PosixFileAttributes.class);
    PosixFileAttributes current = view.readAttributes();
    if (!current.owner().equals(folder.owner())) {
      view.setOwner(folder.owner());
    }
    if (!current.group().equals(folder.group())) {
      view.setGroup(folder.group());
    }
    view.setPermissions(PosixFilePermissions.fromString(mode));
  }
}

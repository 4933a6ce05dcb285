package io.bridgehead.installer.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

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

  /**
   * Checks a file that the services' account may have written before root reads it: it must
   * be a regular file, not a symbolic link, and belong to the owner of its folder. Otherwise
   * that account could make the updater read, log or send a file that only root may read.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  static void checkWrittenByFolderOwner(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new IOException(file + " is not a regular file (a symbolic link or another kind"
          + " of file); remove it");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file,
        PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    UserPrincipal owner = view.readAttributes().owner();
    UserPrincipal folderOwner = Files.readAttributes(file.toAbsolutePath().getParent(),
        PosixFileAttributes.class).owner();
    if (!owner.equals(folderOwner)) {
      throw new IOException(file + " belongs to " + owner.getName() + ", not to "
          + folderOwner.getName() + ", the owner of its folder; remove it");
    }
  }
}

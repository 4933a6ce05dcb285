package io.bridgehead.installer.files;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Creates, copies and deletes folders and their contents, never following symbolic links. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Creates {@code folder} and its missing parents and returns the folders it created,
   * outermost first; an empty list when the folder existed.
   *
   * @param mode POSIX permissions such as {@code rwxr-x---} for the new folders, or null for
   *     the default; ignored where the file system has no POSIX permissions
   */
  public static List<Path> createFolders(Path folder, String mode) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path path = folder.toAbsolutePath().normalize(); path != null
        && !Files.exists(path, LinkOption.NOFOLLOW_LINKS); path = path.getParent()) {
      missing.add(0, path);
    }
    for (Path path : missing) {
      Files.createDirectory(path);
      if (mode != null && isPosix(path)) {
        // Set after creating, because the umask narrows the mode given at creation.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
      }
    }
    return missing;
  }

  /** Copies a file or a folder with its contents; {@code target} must not exist. */
  public static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
          throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        Files.copy(file, target.resolve(source.relativize(file).toString()),
            StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Deletes a file, a link or a folder with everything in it. A symbolic link is removed,
   * never what it points at. Does nothing when the path does not exist.
   */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(path);
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Deletes a folder when it is empty and returns whether it is gone. A folder that still
   * contains something, such as a file of the administrator's, stays.
   */
  public static boolean deleteIfEmpty(Path folder) throws IOException {
    try {
      Files.deleteIfExists(folder);
      return true;
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
  }

  /** Writes a file with the given POSIX mode where the file system has them. */
  public static void write(Path file, String content, String mode) throws IOException {
    FileAttribute<?>[] attributes = isPosix(file.getParent())
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString(mode))}
        : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
        attributes);
    try {
      Files.writeString(temp, content);
      if (isPosix(temp)) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

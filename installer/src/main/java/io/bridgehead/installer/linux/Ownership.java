package io.bridgehead.installer.linux;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;

/**
 * Gives files to the service user. An installation into a folder ({@code --root}) changes no
 * owner, so {@link #none()} does nothing.
 */
public final class Ownership {
  private final String user;

  private Ownership(String user) {
    this.user = user;
  }

  /** Returns the ownership that does nothing, for {@code --root} and Windows. */
  public static Ownership none() {
    return new Ownership(null);
  }

  /** Returns the ownership that hands files to {@code user} and its primary group. */
  public static Ownership of(String user) {
    return new Ownership(user);
  }

  /** Sets the group of {@code path} to the service user's group, keeping the owner. */
  public void groupOnly(Path path) throws IOException {
    if (user == null) {
      return;
    }
    view(path).setGroup(group());
  }

  /** Gives {@code path} and everything under it to the service user and its group. */
  public void userAndGroup(Path path) throws IOException {
    if (user == null) {
      return;
    }
    UserPrincipal owner = lookup().lookupPrincipalByName(user);
    GroupPrincipal group = group();
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
          throws IOException {
        apply(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        apply(file);
        return FileVisitResult.CONTINUE;
      }

      private void apply(Path target) throws IOException {
        PosixFileAttributeView view = view(target);
        view.setOwner(owner);
        view.setGroup(group);
      }
    });
  }

  private GroupPrincipal group() throws IOException {
    String name = Commands.check(List.of("id", "-gn", user));
    return lookup().lookupPrincipalByGroupName(name);
  }

  private static PosixFileAttributeView view(Path path) {
    return Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
  }

  private static UserPrincipalLookupService lookup() {
    return FileSystems.getDefault().getUserPrincipalLookupService();
  }
}

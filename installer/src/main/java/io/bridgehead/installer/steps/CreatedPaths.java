package io.bridgehead.installer.steps;

import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.record.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders and files one step created, in order, so that its undo removes exactly them,
 * newest first.
 */
final class CreatedPaths {
  private final Journal journal;
  private final List<Path> paths = new ArrayList<>();

  CreatedPaths(Journal journal) {
    this.journal = journal;
  }

  /**
   * Creates {@code folder} and its missing parents. The folder itself is recorded as the
   * installation's own, removed with its contents at uninstall; the parents as holders,
   * removed only when empty.
   *
   * @return true when the folder was created, false when it existed
   */
  boolean createFolder(Path folder, String mode) throws IOException {
    return create(folder, mode, true);
  }

  /**
   * Creates {@code folder} and its missing parents, all recorded as holders, removed at
   * uninstall only when empty: for shared folders such as {@code /etc/xdg/autostart}.
   */
  void createHolderFolder(Path folder, String mode) throws IOException {
    create(folder, mode, false);
  }

  private boolean create(Path folder, String mode, boolean own) throws IOException {
    List<Path> created = FileTrees.createFolders(folder, mode);
    for (Path path : created) {
      paths.add(path);
      if (own && path.equals(created.get(created.size() - 1))) {
        journal.folder(path);
      } else {
        journal.parentFolder(path);
      }
    }
    return !created.isEmpty();
  }

  /** Records a file, link or folder this step made in some other way. */
  void add(Path path, boolean folder) {
    paths.add(path);
    if (folder) {
      journal.folder(path);
    } else {
      journal.file(path);
    }
  }

  /** Records a symbolic link this step made. */
  void addLink(Path path) {
    paths.add(path);
    journal.link(path);
  }

  /**
   * Removes every recorded path, newest first. A parent folder is removed only when it is
   * empty.
   *
   * @throws IOException naming the first path that could not be removed
   */
  void removeAll() throws IOException {
    for (int i = paths.size() - 1; i >= 0; i--) {
      Path path = paths.get(i);
      boolean parentOnly = journal.parentFolders().contains(path.toString());
      try {
        if (parentOnly) {
          FileTrees.deleteIfEmpty(path);
        } else {
          FileTrees.delete(path);
        }
      } catch (IOException e) {
        throw new IOException(path + " (" + e.getMessage() + ")", e);
      }
      journal.forget(path);
      paths.remove(i);
    }
  }
}

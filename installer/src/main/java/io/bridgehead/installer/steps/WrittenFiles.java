package io.bridgehead.installer.steps;

import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.record.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files one step writes, each new or replacing an older one, so that undo removes the new
 * files and puts the old content back.
 */
final class WrittenFiles {
  private final Journal journal;
  private final CreatedPaths folders;
  /** Each written file and its earlier content, or null when the file is new. */
  private final Map<Path, byte[]> written = new LinkedHashMap<>();

  WrittenFiles(Journal journal) {
    this.journal = journal;
    this.folders = new CreatedPaths(journal);
  }

  /** Writes a file with the given POSIX mode, creating its folder when missing. */
  void write(Path file, String content, String mode) throws IOException {
    folders.createHolderFolder(file.getParent(), "rwxr-xr-x");
    byte[] earlier = Files.exists(file) ? Files.readAllBytes(file) : null;
    // The write replaces the file atomically or not at all, so a failed write needs no undo.
    FileTrees.write(file, content, mode);
    if (!written.containsKey(file)) {
      written.put(file, earlier);
      // A file that was there before is the installation's own only when an earlier install
      // made it, so that uninstall does not remove a file the administrator wrote.
      if (earlier == null || journal.containsFile(file)) {
        journal.file(file);
      }
    }
  }

  /** Removes the new files, restores the replaced ones, then removes created folders. */
  void undo() throws IOException {
    List<Path> files = new ArrayList<>(written.keySet());
    for (int i = files.size() - 1; i >= 0; i--) {
      Path file = files.get(i);
      byte[] earlier = written.get(file);
      if (earlier == null) {
        Files.deleteIfExists(file);
        journal.forget(file);
      } else {
        Files.write(file, earlier);
      }
      written.remove(file);
    }
    folders.removeAll();
  }
}

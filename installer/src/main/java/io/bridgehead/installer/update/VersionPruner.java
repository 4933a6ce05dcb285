package io.bridgehead.installer.update;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.layout.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes version folders and packages after a successful update, keeping those of the
 * current and the previous version: the previous one for a switch back by hand or by repair.
 * Hidden folders and files in {@code versions/} are the leftovers of an unpack that was
 * killed, and go too.
 */
final class VersionPruner {
  private VersionPruner() {}

  /**
   * Removes every version folder and package except those of {@code keep}.
   *
   * @return the version folders removed
   */
  static List<Path> prune(InstallLayout layout, UpdateFolder updates, Set<String> keep,
      UpdaterLog log) throws IOException {
    List<Path> removed = new ArrayList<>();
    if (Files.isDirectory(layout.versionsDir())) {
      try (Stream<Path> entries = Files.list(layout.versionsDir())) {
        for (Path entry : entries.sorted().toList()) {
          String name = entry.getFileName().toString();
          if (keep.contains(name)) {
            continue;
          }
          FileTrees.delete(entry);
          if (!name.startsWith(".")) {
            removed.add(entry);
            log.line("Removed the old version folder " + entry);
          }
        }
      }
    }
    // The services' account may replace packages/ by a link to a folder of root's.
    if (Files.isDirectory(updates.packages(), LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> entries = Files.list(updates.packages())) {
        for (Path entry : entries.sorted().toList()) {
          String name = entry.getFileName().toString();
          boolean keptVersion = keep.stream()
              .anyMatch(version -> name.equals(version + ".zip"));
          if (name.endsWith(".zip") && !keptVersion) {
            Files.deleteIfExists(entry);
            log.line("Removed the old package " + entry);
          }
        }
      }
    }
    return removed;
  }
}

package io.bridgehead.agent;

import io.bridgehead.agent.jobs.RunRecords;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a crashed agent left in its work folder: the scripts it was running, which must
 * not run on beside the tenant's next attempt, and their run folders, each of which held a
 * task's {@code input.json}, secret variables included.
 */
final class WorkFolders {
  private static final Logger log = LoggerFactory.getLogger(WorkFolders.class);

  private WorkFolders() {}

  static void removeLeftovers(Path workRoot) {
    if (!Files.isDirectory(workRoot)) {
      return;
    }
    RunRecords.killLeftovers(workRoot);
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(workRoot, "run-*")) {
      for (Path run : runs) {
        deleteTree(run);
        log.info("Removed run folder {} left by an earlier agent process", run);
      }
    } catch (IOException e) {
      log.warn("Could not clear leftover run folders in {}: {}", workRoot, e.toString());
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}

package io.bridgehead.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a benchmark's temporary folder; a failure is logged, never fatal to the run. */
final class BenchFolders {
  private static final Logger log = LoggerFactory.getLogger(BenchFolders.class);

  private BenchFolders() {}

  static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete the benchmark folder {}: {}; delete it by hand", folder,
          e.toString());
    }
  }
}

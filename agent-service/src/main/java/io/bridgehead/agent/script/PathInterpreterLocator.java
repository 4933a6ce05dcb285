package io.bridgehead.agent.script;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Searches the folders of a {@code PATH} value in order, as a shell does. */
final class PathInterpreterLocator implements InterpreterLocator {
  private static final String DEFAULT_PATHEXT = ".COM;.EXE;.BAT;.CMD";

  private final String path;
  private final String pathExt;
  private final boolean windows;

  /**
   * @param path the {@code PATH} value, or null when unset
   * @param pathExt the {@code PATHEXT} value, or null when unset; used on Windows only
   */
  PathInterpreterLocator(String path, String pathExt, boolean windows) {
    this.path = path == null ? "" : path;
    this.pathExt = pathExt == null || pathExt.isBlank() ? DEFAULT_PATHEXT : pathExt;
    this.windows = windows;
  }

  @Override
  public Optional<Path> find(String command) {
    for (String folder : path.split(File.pathSeparator)) {
      if (folder.isBlank()) {
        continue;
      }
      for (String fileName : candidateNames(command)) {
        Optional<Path> found = executableIn(folder, fileName);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private List<String> candidateNames(String command) {
    List<String> names = new ArrayList<>();
    if (!windows) {
      names.add(command);
      return names;
    }
    for (String extension : pathExt.split(";")) {
      if (!extension.isBlank()) {
        names.add(command + extension.trim().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static Optional<Path> executableIn(String folder, String fileName) {
    try {
      Path candidate = Path.of(folder.trim(), fileName);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    } catch (InvalidPathException e) {
      // A PATH entry that is no valid path cannot hold the interpreter, so skip it.
    }
    return Optional.empty();
  }
}

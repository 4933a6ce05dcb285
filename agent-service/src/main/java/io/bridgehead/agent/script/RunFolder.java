package io.bridgehead.agent.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private folder of one run. It contains the script, {@code input.json} and, once the
 * script writes it, {@code result.json}; the script runs with it as its working directory.
 */
final class RunFolder {
  static final String INPUT_FILE = "input.json";
  static final String RESULT_FILE = "result.json";

  private static final Logger log = LoggerFactory.getLogger(RunFolder.class);

  private final Path path;

  private RunFolder(Path path) {
    this.path = path;
  }

  /**
   * Creates a new, empty run folder under the work root, readable only by the service's user
   * on POSIX file systems. On Windows the folder inherits the access rules of the work root.
   */
  static RunFolder create(Path workRoot) throws IOException {
    Files.createDirectories(workRoot);
    Path folder;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      folder = Files.createTempDirectory(workRoot, "run-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      folder = Files.createTempDirectory(workRoot, "run-");
    }
    return new RunFolder(folder.toAbsolutePath());
  }

  Path path() {
    return path;
  }

  Path inputFile() {
    return path.resolve(INPUT_FILE);
  }

  Path resultFile() {
    return path.resolve(RESULT_FILE);
  }

  /** Writes the variables as one JSON object of strings, sorted by name, in UTF-8. */
  void writeInput(Map<String, String> variables) throws IOException {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(new TreeMap<>(variables));
      Files.write(inputFile(), json);
    } catch (JsonProcessingException e) {
      throw new IOException("could not encode the task variables as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the script, and for PowerShell the wrapper that runs it, in UTF-8. PowerShell files
   * start with a byte order mark because Windows PowerShell 5.1 reads a file without one in
   * the machine's ANSI code page.
   */
  void writeScript(Interpreter interpreter, String script) throws IOException {
    byte[] text = script.getBytes(StandardCharsets.UTF_8);
    switch (interpreter.shell()) {
      case SH -> Files.write(path.resolve(Interpreter.SH_SCRIPT_FILE), text);
      case POWERSHELL -> {
        writeWithBom(path.resolve(Interpreter.POWERSHELL_SCRIPT_FILE), text);
        writeWithBom(path.resolve(Interpreter.POWERSHELL_WRAPPER_FILE),
            PowerShellWrapper.text().getBytes(StandardCharsets.UTF_8));
      }
      default -> throw new IllegalArgumentException("unknown shell " + interpreter.shell());
    }
  }

  private static void writeWithBom(Path file, byte[] text) throws IOException {
    byte[] content = new byte[PowerShellWrapper.UTF8_BOM.length + text.length];
    System.arraycopy(PowerShellWrapper.UTF8_BOM, 0, content, 0, PowerShellWrapper.UTF8_BOM.length);
    System.arraycopy(text, 0, content, PowerShellWrapper.UTF8_BOM.length, text.length);
    Files.write(file, content);
  }

  /**
   * Deletes the folder and everything in it without following symbolic links. Returns false,
   * after logging what was left, when something could not be deleted.
   */
  boolean delete() {
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
            throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException failure)
            throws IOException {
          if (failure != null) {
            throw failure;
          }
          Files.delete(directory);
          return FileVisitResult.CONTINUE;
        }
      });
      return true;
    } catch (IOException e) {
      log.warn("Could not delete the run folder {}; delete it by hand", path, e);
      return false;
    }
  }
}

package io.bridgehead.agent.update;

import io.bridgehead.agent.config.AtomicFiles;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes the JSON files of the update folder. */
final class FolderFiles {
  private FolderFiles() {}

  /**
   * Reads {@code file} as a {@code type}, or returns empty when there is no file.
   *
   * @param what the file's name for people, such as "update request"
   * @throws IOException when the file is there but is not valid, naming the file
   */
  static <T> Optional<T> read(Path file, Class<T> type, String what) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(content, type));
    } catch (IOException e) {
      throw new IOException("the " + what + " " + file + " is not valid: " + e.getMessage(),
          e);
    }
  }

  /** Writes {@code value} to {@code file} atomically, readable by the services' account. */
  static void write(Path file, Object value) throws IOException {
    AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(value), false);
  }
}

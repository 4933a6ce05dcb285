package io.bridgehead.agent.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.config.AtomicFiles;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's files: one JSON file per item, named by its sequence number, written
 * atomically and forced to disk before the item counts as kept. Files are mode 0600 because
 * a result may contain what a task printed.
 */
final class OutboxStore {
  private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);
  private static final String SUFFIX = ".json";

  private final Path folder;

  OutboxStore(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  /** Reads every kept item, oldest first; a file that cannot be read is set aside. */
  List<OutboxItem> load() throws IOException {
    Files.createDirectories(folder);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      entries.forEach(files::add);
    }
    files.sort(Comparator.comparing(path -> path.getFileName().toString()));
    List<OutboxItem> items = new ArrayList<>();
    for (Path file : files) {
      try {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(Files.readAllBytes(file));
        items.add(new OutboxItem(node.path("sequence").asLong(), node.path("jobId").asText(),
            OutboxItem.Kind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT)),
            node.path("body"), node.path("fallback").asBoolean(false)));
      } catch (IOException | RuntimeException e) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        log.error("Outbox file {} is unreadable ({}); moved it to {} and went on", file,
            e.toString(), aside);
        Files.move(file, aside);
      }
    }
    return items;
  }

  /** Writes an item to disk; it is kept once this returns. */
  void write(OutboxItem item) throws IOException {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("sequence", item.sequence());
    node.put("jobId", item.jobId());
    node.put("kind", item.kind().name().toLowerCase(Locale.ROOT));
    node.set("body", item.body());
    node.put("fallback", item.fallback());
    AtomicFiles.write(file(item), Json.mapper().writeValueAsBytes(node), true);
  }

  void delete(OutboxItem item) throws IOException {
    Files.deleteIfExists(file(item));
  }

  /** Renames an item's file so that it is no longer sent, and leaves it for an operator. */
  void setAside(OutboxItem item) throws IOException {
    Path file = file(item);
    if (Files.exists(file)) {
      Files.move(file, file.resolveSibling(file.getFileName() + ".failed"));
    }
  }

  /** Checks that a file can be written in the folder, by writing and deleting one. */
  void probe() throws IOException {
    Files.createDirectories(folder);
    Path probe = folder.resolve(".probe");
    AtomicFiles.write(probe, new byte[] {1}, true);
    Files.delete(probe);
  }

  private Path file(OutboxItem item) {
    return folder.resolve(String.format(Locale.ROOT, "%020d%s", item.sequence(), SUFFIX));
  }
}

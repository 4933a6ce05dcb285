package io.bridgehead.installer.update;

import io.bridgehead.agent.config.AtomicFiles;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The updater's progress, {@code journal.json} in the update folder. It is written after
 * every step, atomically, so that an updater that was killed leaves a journal that names the
 * last finished step. The next run completes or undoes that update before anything else.
 *
 * @param version the version being switched to
 * @param fromVersion the version that ran before
 * @param fromTarget what {@code current} pointed at before, relative to the install folder
 * @param steps the finished steps, oldest first, by {@link UpdateStep#wireName()}
 * @param reason why the new version failed, once a rollback began; else null
 * @param logOffsets the length of each service log file when the new version started, so
 *     that its log tail can be cut from there
 * @param startedAt when the update began
 */
public record UpdateJournal(String version, String fromVersion, String fromTarget,
    List<String> steps, String reason, Map<String, Long> logOffsets, Instant startedAt) {

  public UpdateJournal {
    steps = steps == null ? List.of() : List.copyOf(steps);
    logOffsets = logOffsets == null ? Map.of() : Map.copyOf(logOffsets);
  }

  /** Returns a new journal with no step finished. */
  static UpdateJournal begin(String version, String fromVersion, String fromTarget) {
    return new UpdateJournal(version, fromVersion, fromTarget, List.of(), null, Map.of(),
        Instant.now());
  }

  /** Returns this journal with {@code step} added. */
  UpdateJournal with(UpdateStep step) {
    List<String> more = new ArrayList<>(steps);
    more.add(step.wireName());
    return new UpdateJournal(version, fromVersion, fromTarget, more, reason, logOffsets,
        startedAt);
  }

  UpdateJournal withReason(String newReason) {
    return new UpdateJournal(version, fromVersion, fromTarget, steps, newReason, logOffsets,
        startedAt);
  }

  UpdateJournal withLogOffsets(Map<String, Long> offsets) {
    return new UpdateJournal(version, fromVersion, fromTarget, steps, reason, offsets,
        startedAt);
  }

  /** Returns whether {@code step} has finished. */
  boolean has(UpdateStep step) {
    return steps.contains(step.wireName());
  }

  /** Returns the last finished step's name, or {@code none}. */
  String lastStep() {
    return steps.isEmpty() ? "none" : steps.get(steps.size() - 1);
  }

  /** Writes the journal atomically. */
  void write(UpdateFolder folder) throws IOException {
    AtomicFiles.write(folder.journal(),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this), false);
  }

  /**
   * Reads the journal of {@code folder}, or empty when there is none.
   *
   * @throws IOException when the file is there but is not a journal, naming the file
   */
  static Optional<UpdateJournal> read(UpdateFolder folder) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(folder.journal());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(content, UpdateJournal.class));
    } catch (IOException e) {
      throw new IOException("the updater journal " + folder.journal() + " is not valid: "
          + e.getMessage() + "; run 'bridgehead repair' to restore the installation", e);
    }
  }

  static void delete(UpdateFolder folder) throws IOException {
    Files.deleteIfExists(folder.journal());
  }
}

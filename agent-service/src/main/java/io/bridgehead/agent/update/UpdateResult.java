package io.bridgehead.agent.update;

import io.bridgehead.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The end of the last update or repair of an installation, {@code result.json} in the update
 * folder. The updater and repair write it; the services read it to show it in their status and
 * to the console.
 *
 * @param kind {@link #UPDATE} or {@link #REPAIR}
 * @param version the version that was to run
 * @param fromVersion the version that ran before
 * @param outcome {@link #OK}, {@link #ROLLED_BACK} or {@link #FAILED}
 * @param runningVersion the version {@code current} points at now
 * @param reason a sentence that states what failed, or null when the outcome is ok
 * @param steps the steps taken, in order, each a line of text
 * @param finishedAt when it ended
 */
public record UpdateResult(String kind, String version, String fromVersion, String outcome,
    String runningVersion, String reason, List<String> steps, Instant finishedAt) {
  public static final String UPDATE = "update";
  public static final String REPAIR = "repair";
  /** The new version runs and is healthy. */
  public static final String OK = "ok";
  /** The new version failed, and the previous one runs again. */
  public static final String ROLLED_BACK = "rolled-back";
  /** Nothing could be made to run; a repair is needed. */
  public static final String FAILED = "failed";
  /** The number of results the history keeps. */
  public static final int HISTORY_SIZE = 20;

  public UpdateResult {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /**
   * Writes the result atomically, readable by the services' account, and adds it to the
   * history, which keeps the last {@value #HISTORY_SIZE} results.
   */
  public void write(UpdateFolder folder) throws IOException {
    FolderFiles.write(folder.result(), this);
    List<UpdateResult> history = new ArrayList<>(history(folder));
    history.add(0, this);
    if (history.size() > HISTORY_SIZE) {
      history = history.subList(0, HISTORY_SIZE);
    }
    FolderFiles.write(folder.history(), history);
  }

  /**
   * Returns the last results of {@code folder}, newest first, or an empty list when there are
   * none. A history file that cannot be read counts as empty, so that it never stops an
   * update; the next result replaces it.
   */
  public static List<UpdateResult> history(UpdateFolder folder) {
    try {
      return List.of(Json.mapper().readValue(Files.readAllBytes(folder.history()),
          UpdateResult[].class));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Reads the last result of {@code folder}, or empty when there is none.
   *
   * @throws IOException when the file is there but is not a result, naming the file
   */
  public static Optional<UpdateResult> read(UpdateFolder folder) throws IOException {
    return FolderFiles.read(folder.result(), UpdateResult.class, "update result");
  }
}

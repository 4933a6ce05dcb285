package io.bridgehead.agent.update;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A service's request to the updater, {@code request.json} in the update folder: switch this
 * installation to {@code version}, whose verified package lies in the update folder's
 * {@code packages}. The updater checks the package again before it uses it: the request comes
 * from the services' account, which must not be able to make the updater run other code.
 *
 * @param version the version to switch to
 * @param fromVersion the version the requesting service runs
 * @param requestedBy the role of the requesting service
 * @param requestedAt when the request was written
 */
public record UpdateRequest(String version, String fromVersion, String requestedBy,
    Instant requestedAt) {

  /** Writes the request atomically. */
  public void write(UpdateFolder folder) throws IOException {
    FolderFiles.write(folder.request(), this);
  }

  /**
   * Reads the request of {@code folder}, or empty when there is none.
   *
   * @throws IOException when the file is there but is not a request, naming the file
   */
  public static Optional<UpdateRequest> read(UpdateFolder folder) throws IOException {
    return FolderFiles.read(folder.request(), UpdateRequest.class, "update request");
  }
}

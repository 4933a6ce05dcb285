package io.bridgehead.agent.update;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder that the services and the updater of one installation share, {@code
 * <data>/updates} beside the services' data folders. It lies outside the versioned program
 * folders, so nothing in it is lost when the current version changes. The services' account
 * owns it: a service downloads into it, and writes the request that starts the updater.
 *
 * <pre>
 * updates/
 *   packages/VERSION.zip       verified release packages, kept for rollback and repair
 *   packages/VERSION.zip.part  a download in progress, resumed from its length
 *   request.json               the update a service requests ({@link UpdateRequest})
 *   journal.json               the updater's progress, for recovery after a crash
 *   result.json                how the last update or repair ended ({@link UpdateResult})
 *   history.json               the last results, newest first
 *   updater.lock               held by the running updater
 *   updater.log                the updater's log
 * </pre>
 *
 * @param dir the {@code updates} folder itself
 */
public record UpdateFolder(Path dir) {
  /** The folder's name under the installation's data folder. */
  public static final String NAME = "updates";

  public UpdateFolder {
    Objects.requireNonNull(dir, "dir");
  }

  /** Returns the update folder of the installation whose data folder is {@code dataDir}. */
  public static UpdateFolder of(Path dataDir) {
    return new UpdateFolder(dataDir.resolve(NAME));
  }

  /** Returns the installation's data folder, which contains this folder and install.json. */
  public Path dataDir() {
    return dir.toAbsolutePath().getParent();
  }

  public Path packages() {
    return dir.resolve("packages");
  }

  /** Returns the verified package of {@code version}. */
  public Path packageFile(String version) {
    return packages().resolve(version + ".zip");
  }

  /** Returns the partial download of {@code version}'s package. */
  public Path partialPackage(String version) {
    return packages().resolve(version + ".zip.part");
  }

  public Path request() {
    return dir.resolve("request.json");
  }

  public Path journal() {
    return dir.resolve("journal.json");
  }

  public Path result() {
    return dir.resolve("result.json");
  }

  public Path history() {
    return dir.resolve("history.json");
  }

  public Path lock() {
    return dir.resolve("updater.lock");
  }

  public Path log() {
    return dir.resolve("updater.log");
  }
}

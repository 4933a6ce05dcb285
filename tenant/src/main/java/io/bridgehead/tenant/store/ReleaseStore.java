package io.bridgehead.tenant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published releases: a row per version in the database and the archive as
 * {@code releases/bridgehead-VERSION.zip} in the data folder. An upload is written to a
 * temporary file in that folder and moved into place under the database lock, so a failed
 * publish leaves no archive and no row behind.
 */
public final class ReleaseStore {
  private static final Logger log = LoggerFactory.getLogger(ReleaseStore.class);
  private static final String UPLOAD_PREFIX = ".upload-";

  private final Database database;
  private final Path folder;

  /** Opens the release folder under {@code dataFolder}, making it when absent. */
  public ReleaseStore(Database database, Path dataFolder) throws IOException {
    this.database = database;
    this.folder = dataFolder.resolve("releases");
    Files.createDirectories(folder);
  }

  /** The result of a publish request. */
  public enum PublishStatus {
    PUBLISHED,
    /** The same version with the same archive was published before; nothing changed. */
    UNCHANGED,
    /** The same version was published before with another archive; nothing changed. */
    CONFLICT
  }

  /**
   * The result of {@link #publish}.
   *
   * @param release the new release, or the one published before for the other statuses
   */
  public record PublishOutcome(PublishStatus status, Release release) {}

  /**
   * The result of {@link #delete}.
   *
   * @param release the release, or null when no release has the version
   * @param targetingPools the names of the pools that target it; the release was deleted only
   *     when this is empty
   */
  public record DeleteOutcome(Release release, List<String> targetingPools) {}

  /** Returns a new empty file in the release folder to receive an upload. */
  public Path newUploadFile() throws IOException {
    return Files.createTempFile(folder, UPLOAD_PREFIX, ".tmp");
  }

  /** Returns where the archive of a version is kept. */
  public Path archive(String version) {
    return folder.resolve("bridgehead-" + ReleaseManifest.checkVersion(version) + ".zip");
  }

  /**
   * Removes what a stopped publish or delete left behind: upload files, and archives that no
   * release row names. Run at start, before any upload.
   */
  public void removeLeftovers() throws IOException {
    Set<Path> kept = new HashSet<>();
    for (Release release : list()) {
      kept.add(archive(release.version()));
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean upload = name.startsWith(UPLOAD_PREFIX);
        boolean orphan = name.startsWith("bridgehead-") && !kept.contains(file);
        if (upload || orphan) {
          log.info("Removing {}, left behind by a publish or delete that did not finish", file);
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * Publishes a checked upload: moves it to {@link #archive} and records the release, unless
   * the version is published already, in which case the upload is deleted.
   *
   * @param upload a file from {@link #newUploadFile} whose package was verified
   */
  public PublishOutcome publish(Path upload, ReleaseManifest manifest, long size, String sha256,
      Instant now) throws IOException {
    String version = manifest.version();
    synchronized (database.lock()) {
      Optional<Release> existing = find(version);
      if (existing.isPresent()) {
        Files.deleteIfExists(upload);
        PublishStatus status = existing.get().sha256().equals(sha256) ? PublishStatus.UNCHANGED
            : PublishStatus.CONFLICT;
        return new PublishOutcome(status, existing.get());
      }
      Path target = archive(version);
      Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Release release = new Release(version, manifest, size, sha256, now);
      try {
        Sql.update(database.connection(), "INSERT INTO releases(version, manifest, size,"
            + " sha256, published_at) VALUES (?,?,?,?,?)", version, writeManifest(manifest),
            size, sha256, now);
      } catch (SQLException e) {
        Files.deleteIfExists(target);
        throw new StoreException("publishing release " + version, e);
      } catch (RuntimeException e) {
        Files.deleteIfExists(target);
        throw e;
      }
      return new PublishOutcome(PublishStatus.PUBLISHED, release);
    }
  }

  /** Lists the releases, newest publication first. */
  public List<Release> list() {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), ReleaseStore::release,
            "SELECT * FROM releases ORDER BY published_at DESC, rowid DESC");
      } catch (SQLException e) {
        throw new StoreException("listing releases", e);
      }
    }
  }

  public Optional<Release> find(String version) {
    synchronized (database.lock()) {
      try {
        return Sql.queryOne(database.connection(), ReleaseStore::release,
            "SELECT * FROM releases WHERE version = ?", version);
      } catch (SQLException e) {
        throw new StoreException("looking up release " + version, e);
      }
    }
  }

  /** Returns the names of the pools whose target version is {@code version}. */
  public List<String> targetingPools(String version) {
    synchronized (database.lock()) {
      try {
        return Sql.query(database.connection(), row -> row.getString(1),
            "SELECT name FROM pools WHERE target_version = ? ORDER BY name", version);
      } catch (SQLException e) {
        throw new StoreException("looking up the pools that target release " + version, e);
      }
    }
  }

  /**
   * Deletes a release and its archive, unless a pool targets it. Checking and deleting the
   * row is one step under the database lock.
   */
  public DeleteOutcome delete(String version) {
    Release release;
    synchronized (database.lock()) {
      Optional<Release> found = find(version);
      if (found.isEmpty()) {
        return new DeleteOutcome(null, List.of());
      }
      List<String> targeting = targetingPools(version);
      if (!targeting.isEmpty()) {
        return new DeleteOutcome(found.get(), targeting);
      }
      try {
        Sql.update(database.connection(), "DELETE FROM releases WHERE version = ?", version);
      } catch (SQLException e) {
        throw new StoreException("deleting release " + version, e);
      }
      release = found.get();
    }
    try {
      Files.deleteIfExists(archive(version));
    } catch (IOException e) {
      // The row is gone, so no agent is offered the file; the next start removes it.
      log.warn("Could not delete the archive of release {}: {}", version, e.toString());
    }
    return new DeleteOutcome(release, List.of());
  }

  private static String writeManifest(ReleaseManifest manifest) {
    try {
      return Json.mapper().writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode the manifest of release "
          + manifest.version() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static Release release(ResultSet row) throws SQLException {
    ReleaseManifest manifest;
    try {
      manifest = Json.mapper().readValue(row.getString("manifest"), ReleaseManifest.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("the stored manifest of release " + row.getString("version")
          + " is not valid: " + e.getOriginalMessage(), e);
    }
    return new Release(row.getString("version"), manifest, row.getLong("size"),
        row.getString("sha256"), Sql.instant(row, "published_at"));
  }
}

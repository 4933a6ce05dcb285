package io.bridgehead.installer.repair;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.tenant.ReleaseStream;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.distribution.VersionFiles;
import io.bridgehead.installer.update.VersionUnpacker;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads the package of the pool's wanted version from the tenant with a role's enrollment:
 * a heartbeat returns the wanted version and its package's hash, then {@code GET
 * /agent/v1/releases/VERSION} fetches it into {@code updates/packages}, where it is verified
 * before it is used.
 */
final class TenantDownload {
  private static final Duration POLL_WAIT = Duration.ofSeconds(30);

  private TenantDownload() {}

  /**
   * Returns the downloaded and verified package, or empty when no role's enrollment could
   * fetch one; the notes of {@code context}
   * state why.
   */
  static Optional<RepairSource> fetch(RepairContext context, PublicKey trusted) {
    for (Role role : context.roles) {
      Path data = context.layout.roleData(role);
      try {
        Optional<RepairSource> source = fetch(context, data, trusted);
        if (source.isPresent()) {
          return source;
        }
      } catch (IOException | IllegalArgumentException e) {
        context.note("Cannot download the package with the enrollment in " + data + ": "
            + e.getMessage());
      } catch (PackageException e) {
        context.note("The package downloaded with the enrollment in " + data
            + " was rejected: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static Optional<RepairSource> fetch(RepairContext context, Path data,
      PublicKey trusted) throws IOException, PackageException {
    if (!Files.isRegularFile(data.resolve(AgentConfig.FILE_NAME))) {
      context.note("The data folder " + data + " is not enrolled.");
      return Optional.empty();
    }
    AgentConfig config = AgentConfig.read(data);
    Optional<String> credential = new FileCredentialStore(data).load();
    if (credential.isEmpty()) {
      context.note("The data folder " + data + " has no credential.");
      return Optional.empty();
    }
    TenantConnection connection = config.connection(data);
    TenantClient client = TenantClient.create(connection, credential.get(), POLL_WAIT);
    try {
      HeartbeatResponse heartbeat = client.heartbeat(context.record.version(), 0);
      return Optional.of(download(context, connection, client, heartbeat, trusted));
    } finally {
      goodbye(context, client);
    }
  }

  /**
   * Ends this process's contact with the tenant. Without it the tenant would take the
   * restarted service for a clone of this process until this one counts as silent.
   */
  private static void goodbye(RepairContext context, TenantClient client) {
    try {
      client.goodbye();
    } catch (IOException e) {
      context.note("Warning: the tenant did not accept the end of this contact ("
          + e.getMessage() + "); the service may be rejected for up to a minute.");
    } finally {
      client.close();
    }
  }

  private static RepairSource download(RepairContext context, TenantConnection connection,
      TenantClient client, HeartbeatResponse heartbeat, PublicKey trusted)
      throws IOException, PackageException {
    String version = ReleaseManifest.checkVersion(heartbeat.wantedVersion());
    UpdateFolder updates = context.updates();
    Files.createDirectories(updates.packages());
    Path part = updates.partialPackage(version);
    try {
      try (ReleaseStream release = client.downloadRelease(version, 0, null)) {
        copy(release.body(), part, version);
      }
      if (heartbeat.packageSha256() != null
          && !VersionFiles.sha256(part).equals(heartbeat.packageSha256())) {
        throw new IOException("the package of " + version + " has another SHA-256 than the"
            + " tenant's heartbeat gives");
      }
      ReleaseManifest manifest = PackageVerifier.verify(part, trusted,
          VersionUnpacker.MAX_PACKAGE_BYTES);
      if (!manifest.version().equals(version)) {
        throw new IOException("the package of " + version + " contains version "
            + manifest.version());
      }
      Path file = updates.packageFile(version);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      context.note("Downloaded and verified the package of version " + version
          + ", the pool's wanted version, from " + connection.url() + ".");
      return RepairSource.releasePackage(version, file);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * Writes the whole package to {@code target}, replacing any partial download, and stops at
   * {@link VersionUnpacker#MAX_PACKAGE_BYTES}.
   */
  private static void copy(InputStream in, Path target, String version) throws IOException {
    long written = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        written += read;
        if (written > VersionUnpacker.MAX_PACKAGE_BYTES) {
          throw new IOException("the package of " + version + " is over the limit of "
              + VersionUnpacker.MAX_PACKAGE_BYTES + " bytes");
        }
        out.write(buffer, 0, read);
      }
    }
  }
}

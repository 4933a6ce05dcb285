package io.bridgehead.installer.repair;

import io.bridgehead.installer.update.VersionUnpacker;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.VersionOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Picks a verified release package from {@code updates/packages}. The package of the recorded
 * version comes first, so that repair restores what ran; then the others, newest version first.
 */
final class PackageChoice {
  private PackageChoice() {}

  /**
   * Returns the first package that passes every check of {@link PackageVerifier#verify} and
   * whose manifest has the version its file name gives, or empty when none does.
   *
   * @param notes receives why each rejected package was rejected
   */
  static Optional<RepairSource> choose(Path packages, String recordedVersion,
      PublicKey trusted, Consumer<String> notes) throws IOException {
    if (!Files.isDirectory(packages)) {
      return Optional.empty();
    }
    List<String> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(packages)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".zip") || !Files.isRegularFile(file)) {
          continue;
        }
        String version = name.substring(0, name.length() - ".zip".length());
        try {
          versions.add(ReleaseManifest.checkVersion(version));
        } catch (IllegalArgumentException e) {
          notes.accept("Skipped " + file + ": its name is not VERSION.zip.");
        }
      }
    }
    versions.sort(Comparator.comparing((String version) -> !version.equals(recordedVersion))
        .thenComparing(VersionOrder.NEWEST_FIRST));
    for (String version : versions) {
      Path file = packages.resolve(version + ".zip");
      try {
        ReleaseManifest manifest = PackageVerifier.verify(file, trusted,
            VersionUnpacker.MAX_PACKAGE_BYTES);
        if (manifest.version().equals(version)) {
          return Optional.of(RepairSource.releasePackage(version, file));
        }
        notes.accept("Skipped " + file + ": its manifest is of version " + manifest.version()
            + ".");
      } catch (PackageException e) {
        notes.accept("Skipped " + file + ": " + e.getMessage() + ".");
      }
    }
    return Optional.empty();
  }
}

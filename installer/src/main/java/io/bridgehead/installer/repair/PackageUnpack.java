package io.bridgehead.installer.repair;

import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.distribution.LaunchScript;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a release package into a new version folder: the verified files, the package's
 * {@code manifest.json} and {@code manifest.sig} beside them, so the folder can be checked
 * again later, and a launch script when the package has none.
 */
final class PackageUnpack {
  private PackageUnpack() {}

  /**
   * Verifies {@code archive} and unpacks it into {@code target}, which must not exist.
   *
   * @throws PackageException when the package is rejected, stating why
   */
  static ReleaseManifest unpack(Path archive, PublicKey trusted, Path target, boolean windows)
      throws IOException, PackageException {
    ReleaseManifest manifest = PackageVerifier.unpack(archive, trusted,
        RepairContext.MAX_PACKAGE_BYTES, target);
    if (FileTrees.isPosix(target)) {
      // The verifier's temporary folder is made with mode 0700, which would keep the services'
      // account out of a folder that root unpacked.
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (String name : new String[] {ReleasePackage.MANIFEST, ReleasePackage.SIGNATURE}) {
        ZipEntry entry = zip.getEntry(name);
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target.resolve(name));
        }
      }
    }
    Path script = target.resolve("bin").resolve("bridgehead");
    if (!windows && !Files.exists(script)) {
      Files.createDirectories(script.getParent());
      Distribution distribution = Distribution.of(target, RepairContext.MAIN_CLASS,
          manifest.version());
      FileTrees.write(script, LaunchScript.render(distribution), "rwxr-xr-x");
    }
    return manifest;
  }
}

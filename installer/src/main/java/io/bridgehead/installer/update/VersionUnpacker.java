package io.bridgehead.installer.update;

import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.distribution.LaunchScript;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.PackageException.Reason;
import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Makes the version folder {@code versions/V} of a release package. The package is copied
 * into the install folder first, so that it cannot change between the check and the unpack
 * even when its account may write the folder it came from. The files are verified and unpacked
 * into a hidden folder, completed there with the signed manifest and, when the package has
 * none, {@code bin/bridgehead}, and renamed into place, so {@code versions/V} is never half
 * written.
 */
public final class VersionUnpacker {
  /** The largest package, and the largest sum of its files, accepted: 256 MiB. */
  public static final long MAX_PACKAGE_BYTES = 256L * 1024 * 1024;

  private final InstallLayout layout;
  private final PublicKey key;
  private final String mainClass;

  /**
   * @param key the trusted release key
   * @param mainClass the class a written {@code bin/bridgehead} starts
   */
  public VersionUnpacker(InstallLayout layout, PublicKey key, String mainClass) {
    this.layout = layout;
    this.key = key;
    this.mainClass = mainClass;
  }

  /**
   * Returns the version folder of {@code version}, unpacked from {@code archive}. A folder
   * that exists and passes {@link VersionFolderCheck} is kept as it is; one that fails it is
   * replaced.
   *
   * @throws PackageException when the package is rejected, or is of another version
   */
  public Path unpack(Path archive, String version) throws PackageException, IOException {
    Path versionDir = layout.versionDir(version);
    if (Files.exists(versionDir, LinkOption.NOFOLLOW_LINKS)) {
      if (VersionFolderCheck.check(versionDir, version, key, layout.windows(), true)
          .intact()) {
        return versionDir;
      }
      FileTrees.delete(versionDir);
    }
    Files.createDirectories(layout.versionsDir());
    Path copy = layout.versionsDir().resolve("." + version + ".zip");
    Path partial = layout.versionsDir().resolve("." + version + ".partial");
    FileTrees.delete(partial);
    try {
      copyPackage(archive, copy);
      unpackInto(copy, version, partial);
      Files.move(partial, versionDir, StandardCopyOption.ATOMIC_MOVE);
      return versionDir;
    } finally {
      FileTrees.delete(partial);
      Files.deleteIfExists(copy);
    }
  }

  /**
   * Verifies {@code archive} and unpacks it into {@code target}, which must not exist: the
   * package's files, its signed manifest beside them and, when the package has none,
   * {@code bin/bridgehead}. The caller renames {@code target} into place.
   *
   * @throws PackageException when the package is rejected, or is of another version
   */
  public ReleaseManifest unpackInto(Path archive, String version, Path target)
      throws PackageException, IOException {
    ReleaseManifest manifest = PackageVerifier.unpack(archive, key, MAX_PACKAGE_BYTES, target);
    if (!manifest.version().equals(version)) {
      throw new PackageException(Reason.BAD_MANIFEST, "package " + archive + " contains"
          + " version " + manifest.version() + ", not " + version);
    }
    for (String name : List.of(ReleasePackage.MANIFEST, ReleasePackage.SIGNATURE)) {
      if (manifest.files().stream().anyMatch(entry -> entry.path().equals(name))) {
        throw new PackageException(Reason.BAD_MANIFEST, "package " + version + " lists a"
            + " file " + name + ", which is where the version folder keeps its signed"
            + " manifest; build the package from a folder without it");
      }
      copyEntry(archive, name, target.resolve(name));
    }
    if (!Files.exists(launcher(target))) {
      writeLauncher(target, version);
    }
    if (FileTrees.isPosix(target)) {
      // PackageVerifier.unpack makes the folder owner-only (0700), which would keep the
      // services' account out of a folder that root unpacked.
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return manifest;
  }

  /**
   * Copies the package, at most {@link #MAX_PACKAGE_BYTES}. The file must be a regular file of
   * its folder's owner, so that a link to a device or a file of root's is not read.
   */
  private static void copyPackage(Path archive, Path copy)
      throws PackageException, IOException {
    SharedFiles.checkWrittenByFolderOwner(archive);
    try (InputStream in = Files.newInputStream(archive, LinkOption.NOFOLLOW_LINKS);
        OutputStream out = Files.newOutputStream(copy)) {
      byte[] buffer = new byte[64 * 1024];
      long copied = 0;
      int read;
      while ((read = in.read(buffer)) >= 0) {
        copied += read;
        if (copied > MAX_PACKAGE_BYTES) {
          throw new PackageException(Reason.TOO_LARGE, "package " + archive.getFileName()
              + " is over the limit of " + MAX_PACKAGE_BYTES + " bytes");
        }
        out.write(buffer, 0, read);
      }
    }
  }

  private Path launcher(Path versionDir) {
    return versionDir.resolve("bin").resolve(layout.windows() ? "bridgehead.cmd"
        : "bridgehead");
  }

  private static void copyEntry(Path archive, String name, Path target) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile());
        InputStream in = zip.getInputStream(zip.getEntry(name))) {
      Files.copy(in, target);
    }
  }

  /**
   * Writes {@code bin/bridgehead} for a package of {@code lib/} only. It runs the package's
   * {@code runtime/} when it has one. Else it runs this program's Java, copied into the
   * version folder first when it lies in another version folder, which a later update may
   * remove.
   */
  private void writeLauncher(Path versionDir, String version) throws IOException {
    if (layout.windows()) {
      // NOTE: never run. A Windows package ships its own bin/bridgehead.cmd, so none is made.
      throw new IOException("package " + version + " has no bin/bridgehead.cmd; a Windows"
          + " package must contain it");
    }
    Path runtime = versionDir.resolve("runtime");
    Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
    if (!Files.isExecutable(runtime.resolve("bin").resolve("java"))) {
      if (javaHome.startsWith(layout.versionsDir().toAbsolutePath().normalize())) {
        FileTrees.copy(javaHome, runtime);
      } else {
        runtime = null;
      }
    }
    List<Path> jars = new ArrayList<>();
    Path lib = versionDir.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> files = Files.list(lib)) {
        jars.addAll(files.filter(file -> file.toString().endsWith(".jar")).sorted().toList());
      }
    }
    if (jars.isEmpty()) {
      throw new IOException("package " + version + " has neither bin/bridgehead nor jars in"
          + " lib/; it cannot run");
    }
    Distribution distribution = new Distribution(version, jars, runtime,
        javaHome.resolve("bin").resolve("java"), mainClass);
    Path bin = Files.createDirectories(versionDir.resolve("bin"));
    FileTrees.write(bin.resolve("bridgehead"), LaunchScript.render(distribution),
        "rwxr-xr-x");
  }
}

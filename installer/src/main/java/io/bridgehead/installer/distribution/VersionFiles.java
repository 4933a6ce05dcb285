package io.bridgehead.installer.distribution;

import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ManifestEntry;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The files of one installed version folder, {@code versions/<version>}. */
public final class VersionFiles {
  private VersionFiles() {}

  /**
   * Copies a distribution into {@code folder}: its jars into {@code lib/}, its runtime into
   * {@code runtime/} and a launch script into {@code bin/}. Then writes an unsigned
   * {@code manifest.json} in the release package's format, so that repair can check the
   * folder file by file. No {@code manifest.sig} is written, because an installer has no
   * release key; the manifest detects damage, not a change made on purpose.
   */
  public static void fill(Path folder, Distribution distribution, boolean windows)
      throws IOException {
    Path lib = folder.resolve("lib");
    Files.createDirectories(lib);
    for (Path jar : distribution.jars()) {
      Files.copy(jar, lib.resolve(jar.getFileName().toString()));
    }
    if (distribution.runtime() != null) {
      FileTrees.copy(distribution.runtime(), folder.resolve("runtime"));
    }
    Path bin = Files.createDirectories(folder.resolve("bin"));
    if (windows) {
      // NOTE: never run. The Windows packaging ships its own launcher; this one is the
      // fallback for an installation from a build.
      Files.writeString(bin.resolve("bridgehead.cmd"), "@echo off\r\n\"%~dp0..\\runtime\\bin"
          + "\\java.exe\" -cp \"%~dp0..\\lib\\*\" " + distribution.mainClass() + " %*\r\n",
          StandardCharsets.UTF_8);
    } else {
      FileTrees.write(bin.resolve("bridgehead"), LaunchScript.render(distribution),
          "rwxr-xr-x");
    }
    writeManifest(folder, distribution.version());
  }

  /**
   * Writes {@code manifest.json} listing every regular file under {@code folder}. Writes
   * nothing when the version or a file name is one a release manifest cannot hold, such as
   * the version {@code unknown} of a build without version information; repair then checks
   * the folder by its shape only.
   */
  static void writeManifest(Path folder, String version) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<ManifestEntry> entries = new ArrayList<>();
    ReleaseManifest manifest;
    try {
      for (Path file : files) {
        String path = folder.relativize(file).toString().replace('\\', '/');
        entries.add(new ManifestEntry(path, Files.size(file), sha256(file),
            Files.isExecutable(file)));
      }
      manifest = new ReleaseManifest(ReleaseManifest.FORMAT, version, Instant.now(), entries);
    } catch (IllegalArgumentException e) {
      return;
    }
    Files.write(folder.resolve(ReleasePackage.MANIFEST),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
  }

  /** Returns the SHA-256 of a file's content in lowercase hexadecimal. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

package io.bridgehead.installer.update;

import io.bridgehead.installer.distribution.VersionFiles;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ManifestEntry;
import io.bridgehead.wire.release.PackageVerifier;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * Checks whether a version folder is intact: its launch script, then every file that its
 * {@code manifest.json} lists, by size and SHA-256, after the manifest's signature in
 * {@code manifest.sig}. Files the manifest does not list, such as a {@code bin/bridgehead}
 * written at unpack time, are not checked by hash.
 *
 * <p>The updater reuses only a folder with a valid signature. Repair also accepts the
 * unsigned manifest that installs from a build write ({@link VersionFiles}), and a folder
 * without a manifest, made before installs wrote one, which it can only check by shape.
 */
public final class VersionFolderCheck {
  private VersionFolderCheck() {}

  /**
   * The outcome of a check.
   *
   * @param intact true when the folder can run as it is
   * @param detail a sentence: what was checked, or what is wrong
   */
  public record Verdict(boolean intact, String detail) {}

  /**
   * Checks {@code folder}.
   *
   * @param trusted the release key to check {@code manifest.sig} with, or null when it could
   *     not be loaded, so that a signed folder counts as damaged
   * @param requireSignature true to count a folder without {@code manifest.sig} as damaged;
   *     false to check it against its unsigned manifest, or by shape when it has none
   */
  public static Verdict check(Path folder, String version, PublicKey trusted, boolean windows,
      boolean requireSignature) throws IOException {
    if (!Files.isDirectory(folder)) {
      return new Verdict(false, "the version folder " + folder + " is missing");
    }
    Path launcher = folder.resolve("bin").resolve(windows ? "bridgehead.cmd" : "bridgehead");
    if (!Files.isRegularFile(launcher) || !windows && !Files.isExecutable(launcher)) {
      return new Verdict(false, "the program " + launcher + " is missing or not executable");
    }
    Path manifestFile = folder.resolve(ReleasePackage.MANIFEST);
    Path signatureFile = folder.resolve(ReleasePackage.SIGNATURE);
    boolean signed = Files.isRegularFile(signatureFile);
    if (requireSignature && !signed) {
      return new Verdict(false, folder + " has no " + ReleasePackage.SIGNATURE);
    }
    if (!Files.isRegularFile(manifestFile)) {
      return requireSignature
          ? new Verdict(false, folder + " has no " + ReleasePackage.MANIFEST)
          : checkShape(folder);
    }
    byte[] manifestBytes = Files.readAllBytes(manifestFile);
    if (signed) {
      if (trusted == null) {
        return new Verdict(false, "the signature " + signatureFile + " cannot be checked"
            + " without the release key");
      }
      if (!signatureMatches(manifestBytes, signatureFile, trusted)) {
        return new Verdict(false, "the signature " + signatureFile + " does not match "
            + manifestFile + " and the trusted release key " + ReleaseKeys.fingerprint(trusted));
      }
    }
    ReleaseManifest manifest;
    try {
      manifest = Json.mapper().readValue(manifestBytes, ReleaseManifest.class);
    } catch (IOException e) {
      return new Verdict(false, "the manifest " + manifestFile + " is not valid: "
          + e.getMessage());
    }
    if (!manifest.version().equals(version)) {
      return new Verdict(false, "the manifest " + manifestFile + " is of version "
          + manifest.version() + ", not " + version);
    }
    for (ManifestEntry entry : manifest.files()) {
      Path file = folder.resolve(entry.path());
      if (!Files.isRegularFile(file)) {
        return new Verdict(false, "the file " + file + " is missing");
      }
      if (Files.size(file) != entry.size() || !VersionFiles.sha256(file).equals(entry.sha256())) {
        return new Verdict(false, "the file " + file + " differs from the manifest");
      }
    }
    return new Verdict(true, "every file of " + folder + " matches its "
        + (signed ? "signed" : "unsigned") + " manifest");
  }

  /** Returns true when {@code signatureFile}, base64 text, is a valid signature. */
  private static boolean signatureMatches(byte[] manifestBytes, Path signatureFile,
      PublicKey trusted) throws IOException {
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(
          Files.readString(signatureFile, StandardCharsets.US_ASCII).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return PackageVerifier.signatureMatches(manifestBytes, signature, trusted);
  }

  /** Checks a folder without a manifest: a {@code lib/} folder with at least one jar. */
  private static Verdict checkShape(Path folder) throws IOException {
    Path lib = folder.resolve("lib");
    boolean jars = false;
    if (Files.isDirectory(lib)) {
      try (Stream<Path> files = Files.list(lib)) {
        jars = files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
      }
    }
    if (!jars) {
      return new Verdict(false, "the folder " + lib + " is missing or has no jars");
    }
    // NOTE: without a manifest a changed or truncated jar goes unnoticed; only a missing
    // program or an empty lib/ counts as damage.
    return new Verdict(true, folder + " has no manifest.json, so its files cannot be checked"
        + " by hash; its program and lib/ are there");
  }
}

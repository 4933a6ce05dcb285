package io.bridgehead.installer.update;

import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.ManifestEntry;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleaseManifest;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks an unpacked version folder against the signed manifest that was unpacked with it,
 * {@code manifest.json} and {@code manifest.sig} beside {@code lib/}: the signature, the
 * version, and every listed file's size and SHA-256. Files the manifest does not list, such
 * as a {@code bin/bridgehead} written at unpack time, are not checked.
 */
public final class VersionFolderCheck {
  private VersionFolderCheck() {}

  /**
   * Returns null when {@code versionDir} contains {@code version} as signed with {@code key},
   * else a sentence that says what differs.
   *
   * @param requireSignature false to accept a folder without {@code manifest.sig}, whose
   *     files are then checked against the unsigned manifest only
   */
  public static String problem(Path versionDir, String version, PublicKey key,
      boolean requireSignature) throws IOException {
    byte[] manifestBytes;
    try {
      manifestBytes = Files.readAllBytes(versionDir.resolve(ReleasePackage.MANIFEST));
    } catch (NoSuchFileException e) {
      return versionDir + " has no " + ReleasePackage.MANIFEST;
    }
    Path signatureFile = versionDir.resolve(ReleasePackage.SIGNATURE);
    if (Files.exists(signatureFile)) {
      if (!signed(manifestBytes, Files.readString(signatureFile, StandardCharsets.US_ASCII),
          key)) {
        return "the signature " + signatureFile + " does not match the trusted release key "
            + ReleaseKeys.fingerprint(key);
      }
    } else if (requireSignature) {
      return versionDir + " has no " + ReleasePackage.SIGNATURE;
    }
    ReleaseManifest manifest;
    try {
      manifest = Json.mapper().readValue(manifestBytes, ReleaseManifest.class);
    } catch (IOException e) {
      return "the manifest in " + versionDir + " is not valid: " + e.getMessage();
    }
    if (!manifest.version().equals(version)) {
      return "the manifest in " + versionDir + " is of version " + manifest.version()
          + ", not " + version;
    }
    for (ManifestEntry entry : manifest.files()) {
      Path file = versionDir.resolve(entry.path());
      if (!Files.isRegularFile(file)) {
        return "file " + file + " is missing";
      }
      if (Files.size(file) != entry.size() || !sha256(file).equals(entry.sha256())) {
        return "file " + file + " differs from the manifest";
      }
    }
    return null;
  }

  private static boolean signed(byte[] data, String signatureText, PublicKey key) {
    try {
      byte[] signature = Base64.getDecoder().decode(signatureText.trim());
      Signature verifier = Signature.getInstance(ReleaseKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

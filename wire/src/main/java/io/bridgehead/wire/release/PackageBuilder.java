package io.bridgehead.wire.release;

import io.bridgehead.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds a signed release package from a folder that contains one version's files. */
public final class PackageBuilder {
  private PackageBuilder() {}

  /**
   * Packs every regular file under {@code source} and signs the manifest.
   *
   * @param output the archive to write; written to a temporary file first and moved into
   *     place, so a failed build leaves no half archive
   * @return the manifest that was signed
   * @throws IllegalArgumentException for a version or file name a package cannot hold
   */
  public static ReleaseManifest build(Path source, String version, PrivateKey key,
      Path output) throws IOException {
    ReleaseManifest.checkVersion(version);
    if (!Files.isDirectory(source)) {
      throw new IOException("the release folder " + source + " does not exist");
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<ManifestEntry> entries = new ArrayList<>();
    for (Path file : paths) {
      String relative = source.relativize(file).toString().replace('\\', '/');
      entries.add(new ManifestEntry(relative, Files.size(file), sha256(file),
          Files.isExecutable(file)));
    }
    ReleaseManifest manifest = new ReleaseManifest(ReleaseManifest.FORMAT, version,
        Instant.now(), entries);
    byte[] manifestBytes = Json.mapper().writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(manifest);
    byte[] signature = sign(manifestBytes, key);
    Path absolute = output.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), ".package-", ".tmp");
    try {
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temporary))) {
        put(zip, ReleasePackage.MANIFEST, manifestBytes);
        put(zip, ReleasePackage.SIGNATURE, Base64.getEncoder().encodeToString(signature)
            .getBytes(StandardCharsets.US_ASCII));
        for (ManifestEntry entry : entries) {
          zip.putNextEntry(new ZipEntry(ReleasePackage.FILES + entry.path()));
          try (InputStream in = Files.newInputStream(source.resolve(entry.path()))) {
            in.transferTo(zip);
          }
          zip.closeEntry();
        }
      }
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return manifest;
  }

  static byte[] sign(byte[] data, PrivateKey key) {
    try {
      Signature signer = Signature.getInstance(ReleaseKeys.ALGORITHM);
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key (an Ed25519 private key"
          + " is needed): " + e.getMessage(), e);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = Hashing.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

package io.bridgehead.wire.release;

import io.bridgehead.wire.Json;
import io.bridgehead.wire.release.PackageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a release package and unpacks it. The checks run in an order that trusts nothing
 * unchecked: the archive's size, then the signature over the manifest's bytes, then the
 * manifest's rules, then every file against its hash while it is unpacked. The files land in
 * a temporary folder that is moved into place only when all of them passed, so a rejected
 * package leaves nothing behind.
 */
public final class PackageVerifier {
  private PackageVerifier() {}

  /**
   * Verifies {@code archive} against the trusted key and unpacks it into {@code target}.
   *
   * @param maxBytes the largest archive, and the largest sum of unpacked files, accepted
   * @param target a folder that must not exist yet; its parent must
   * @return the verified manifest
   * @throws PackageException when the package is rejected, with the reason in the message
   */
  public static ReleaseManifest unpack(Path archive, PublicKey trusted, long maxBytes,
      Path target) throws PackageException, IOException {
    long archiveSize = Files.size(archive);
    if (archiveSize > maxBytes) {
      throw new PackageException(Reason.TOO_LARGE, "package " + archive.getFileName() + " is "
          + archiveSize + " bytes, over the limit of " + maxBytes + " bytes");
    }
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "a version folder is there already; remove it to stage the package again");
    }
    Path staging = Files.createTempDirectory(target.toAbsolutePath().getParent(),
        ".staging-");
    try (ZipFile zip = open(archive)) {
      ReleaseManifest manifest = verifiedManifest(zip, trusted);
      if (manifest.totalSize() > maxBytes) {
        throw new PackageException(Reason.TOO_LARGE, "package " + manifest.version()
            + " unpacks to " + manifest.totalSize() + " bytes, over the limit of " + maxBytes
            + " bytes");
      }
      extract(zip, manifest, staging);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * Checks {@code archive} as {@link #unpack} does, every file's hash included, but writes
   * nothing. The tenant runs this when a package is published, so that a package the agents
   * would reject is rejected at once.
   *
   * @param maxBytes the largest archive, and the largest sum of unpacked files, accepted
   * @return the verified manifest
   * @throws PackageException when the package is rejected; the message states why
   */
  public static ReleaseManifest verify(Path archive, PublicKey trusted, long maxBytes)
      throws PackageException, IOException {
    long archiveSize = Files.size(archive);
    if (archiveSize > maxBytes) {
      throw new PackageException(Reason.TOO_LARGE, "package " + archive.getFileName() + " is "
          + archiveSize + " bytes, over the limit of " + maxBytes + " bytes");
    }
    try (ZipFile zip = open(archive)) {
      ReleaseManifest manifest = verifiedManifest(zip, trusted);
      if (manifest.totalSize() > maxBytes) {
        throw new PackageException(Reason.TOO_LARGE, "package " + manifest.version()
            + " unpacks to " + manifest.totalSize() + " bytes, over the limit of " + maxBytes
            + " bytes");
      }
      extract(zip, manifest, null);
      return manifest;
    }
  }

  /**
   * Reads and checks the manifest and its signature only, without checking the files.
   */
  public static ReleaseManifest readManifest(Path archive, PublicKey trusted)
      throws PackageException, IOException {
    try (ZipFile zip = open(archive)) {
      return verifiedManifest(zip, trusted);
    }
  }

  private static ZipFile open(Path archive) throws PackageException, IOException {
    try {
      return new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw new PackageException(Reason.CORRUPT, "package " + archive.getFileName()
          + " is not a readable zip archive: " + e.getMessage(), e);
    }
  }

  private static ReleaseManifest verifiedManifest(ZipFile zip, PublicKey trusted)
      throws PackageException, IOException {
    byte[] manifestBytes = meta(zip, ReleasePackage.MANIFEST);
    if (manifestBytes == null) {
      throw new PackageException(Reason.BAD_MANIFEST, "the package has no "
          + ReleasePackage.MANIFEST + "; build it with 'bridgehead release build'");
    }
    byte[] signatureText = meta(zip, ReleasePackage.SIGNATURE);
    if (signatureText == null) {
      throw new PackageException(Reason.UNSIGNED, "the package is not signed (no "
          + ReleasePackage.SIGNATURE + "); only packages signed with the release key are"
          + " installed");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(
          new String(signatureText, StandardCharsets.US_ASCII).trim());
    } catch (IllegalArgumentException e) {
      throw new PackageException(Reason.BAD_SIGNATURE, "the package's signature is not"
          + " base64: " + e.getMessage(), e);
    }
    if (!signatureMatches(manifestBytes, signature, trusted)) {
      throw new PackageException(Reason.BAD_SIGNATURE, "the package's signature does not"
          + " match the trusted release key " + ReleaseKeys.fingerprint(trusted)
          + "; it was signed with another key or changed after signing");
    }
    try {
      return Json.mapper().readValue(manifestBytes, ReleaseManifest.class);
    } catch (IOException e) {
      throw new PackageException(Reason.BAD_MANIFEST, "the signed manifest is not valid: "
          + e.getMessage(), e);
    }
  }

  /**
   * Returns true when {@code signature}, the decoded bytes of a {@code manifest.sig}, is a
   * valid signature of {@code data} by {@code key}. Version folders keep the signed manifest
   * beside their files, and the installer checks them with this too.
   */
  public static boolean signatureMatches(byte[] data, byte[] signature, PublicKey key) {
    try {
      Signature verifier = Signature.getInstance(ReleaseKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Reads a small entry outside files/, or returns null when the archive has none. */
  private static byte[] meta(ZipFile zip, String name) throws PackageException, IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(ReleasePackage.MAX_META_BYTES + 1);
      if (bytes.length > ReleasePackage.MAX_META_BYTES) {
        throw new PackageException(Reason.TOO_LARGE, name + " is over "
            + ReleasePackage.MAX_META_BYTES + " bytes");
      }
      return bytes;
    } catch (ZipException e) {
      throw new PackageException(Reason.CORRUPT, name + " cannot be read: " + e.getMessage(),
          e);
    }
  }

  /** Checks every file against the manifest and writes it under {@code staging}, unless null. */
  private static void extract(ZipFile zip, ReleaseManifest manifest, Path staging)
      throws PackageException, IOException {
    Map<String, ManifestEntry> listed = new HashMap<>();
    for (ManifestEntry file : manifest.files()) {
      listed.put(file.path(), file);
    }
    Set<String> seen = new HashSet<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (name.equals(ReleasePackage.MANIFEST) || name.equals(ReleasePackage.SIGNATURE)
          || entry.isDirectory() && ReleasePackage.FILES.startsWith(name)) {
        continue;
      }
      String path = name.startsWith(ReleasePackage.FILES)
          ? name.substring(ReleasePackage.FILES.length()) : null;
      ManifestEntry file = path == null ? null : listed.get(path);
      if (file == null) {
        throw new PackageException(Reason.FILE_MISMATCH, "the archive contains " + name
            + ", which the signed manifest does not list");
      }
      if (!seen.add(path)) {
        throw new PackageException(Reason.FILE_MISMATCH, "the archive contains " + name
            + " twice");
      }
      write(zip, entry, file, staging);
    }
    for (ManifestEntry file : manifest.files()) {
      if (!seen.contains(file.path())) {
        throw new PackageException(Reason.FILE_MISMATCH, "file " + file.path()
            + " is listed in the manifest but missing from the archive");
      }
    }
  }

  private static void write(ZipFile zip, ZipEntry entry, ManifestEntry file, Path staging)
      throws PackageException, IOException {
    Path destination = staging == null ? null : staging.resolve(file.path());
    if (destination != null) {
      Files.createDirectories(destination.getParent());
    }
    MessageDigest digest = Hashing.sha256();
    long written = 0;
    try (InputStream in = zip.getInputStream(entry);
        OutputStream out = destination == null ? OutputStream.nullOutputStream()
            : Files.newOutputStream(destination)) {
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        written += read;
        if (written > file.size()) {
          throw new PackageException(Reason.FILE_MISMATCH, "file " + file.path()
              + " is longer than the " + file.size() + " bytes the manifest gives");
        }
        digest.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    } catch (ZipException e) {
      throw new PackageException(Reason.CORRUPT, "file " + file.path() + " cannot be"
          + " unpacked: " + e.getMessage(), e);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (written != file.size() || !actual.equals(file.sha256())) {
      throw new PackageException(Reason.FILE_MISMATCH, "file " + file.path() + " differs from"
          + " the signed manifest (" + written + " bytes, SHA-256 " + actual + "; expected "
          + file.size() + " bytes, SHA-256 " + file.sha256() + ")");
    }
    if (destination != null && file.executable()
        && destination.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

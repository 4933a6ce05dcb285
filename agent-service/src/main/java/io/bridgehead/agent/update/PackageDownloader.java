package io.bridgehead.agent.update;

import io.bridgehead.agent.tenant.ReleaseStream;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.wire.release.PackageException;
import io.bridgehead.wire.release.PackageVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a release package into the update folder and checks it: {@code
 * packages/V.zip.part} grows until it has the size the tenant announced, resuming with a
 * {@code Range} request from its length, then its SHA-256 is compared with the tenant's, its
 * signature and files are verified, and it is renamed to {@code packages/V.zip}.
 *
 * <p>A failed check deletes the file and throws {@link PackageRejectedException}. A broken
 * connection or an error response throws {@link IOException} and keeps the partial file, so
 * the next attempt continues where this one stopped.
 */
public final class PackageDownloader {
  private static final Logger log = LoggerFactory.getLogger(PackageDownloader.class);
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final UpdateFolder folder;
  private final PublicKey trustedKey;
  private final long maxPackageSize;

  /**
   * Makes a downloader into {@code folder} that accepts packages signed with {@code
   * trustedKey} and at most {@code maxPackageSize} bytes large.
   */
  public PackageDownloader(UpdateFolder folder, PublicKey trustedKey, long maxPackageSize) {
    this.folder = folder;
    this.trustedKey = trustedKey;
    this.maxPackageSize = maxPackageSize;
  }

  /**
   * The checked package and how much of it this call fetched.
   *
   * @param file {@code packages/V.zip}
   * @param resumedFrom the byte the download continued from; 0 for a fresh download, and the
   *     package's size when nothing was left to fetch
   * @param fetched the bytes received in this call
   */
  public record Downloaded(Path file, long resumedFrom, long fetched) {}

  /**
   * Downloads and checks {@code version}'s package.
   *
   * @param size the package's size as the tenant announced it
   * @param sha256 the package's SHA-256 as the tenant announced it, lowercase hexadecimal
   * @throws PackageRejectedException when a check failed; the file is gone
   * @throws IOException when the download broke off; the partial file stays
   */
  public Downloaded download(TenantClient client, String version, long size, String sha256)
      throws PackageRejectedException, IOException {
    Path part = folder.partialPackage(version);
    if (size < 1 || sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
      throw new PackageRejectedException("the tenant announced package " + version + " with"
          + " an invalid size " + size + " or SHA-256 '" + sha256 + "'; publish it again");
    }
    if (size > maxPackageSize) {
      Files.deleteIfExists(part);
      throw new PackageRejectedException("package " + version + " is " + size + " bytes, over"
          + " the agent's maxPackageSize of " + maxPackageSize + " bytes");
    }
    Files.createDirectories(folder.packages());
    long have = Files.exists(part) ? Files.size(part) : 0;
    if (have > size) {
      log.info("Discarding the partial package {} of {} bytes, more than the {} bytes"
          + " announced", part, have, size);
      Files.delete(part);
      have = 0;
    }
    long resumedFrom = have;
    long fetched = 0;
    if (have < size) {
      fetched = fetch(client, version, size, sha256, part, have);
      resumedFrom = Files.size(part) - fetched;
    }
    check(part, version, sha256);
    Path target = folder.packageFile(version);
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    return new Downloaded(target, resumedFrom, fetched);
  }

  /** Appends the rest of the package to {@code part} and returns the bytes received. */
  private long fetch(TenantClient client, String version, long size, String sha256, Path part,
      long have) throws PackageRejectedException, IOException {
    ReleaseStream stream;
    try {
      stream = client.downloadRelease(version, have, "\"" + sha256 + "\"");
    } catch (TenantException e) {
      if (e.status() == 416) {
        // The partial file does not belong to the package the tenant has now.
        Files.deleteIfExists(part);
      }
      throw e;
    }
    try (stream) {
      boolean restart = stream.offset() == 0;
      if (restart && have > 0) {
        log.info("The tenant sent package {} from its start; its partial file of {} bytes"
            + " belonged to another package", version, have);
      }
      long written = restart ? 0 : have;
      long received = 0;
      try (InputStream in = stream.body();
           OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
               StandardOpenOption.WRITE, restart ? StandardOpenOption.TRUNCATE_EXISTING
                   : StandardOpenOption.APPEND)) {
        byte[] buffer = new byte[BUFFER_SIZE];
        int read;
        while ((read = in.read(buffer)) != -1) {
          if (written + read > size) {
            out.close();
            Files.deleteIfExists(part);
            throw new PackageRejectedException("the tenant sent more than the " + size
                + " bytes it announced for package " + version);
          }
          out.write(buffer, 0, read);
          written += read;
          received += read;
        }
      }
      if (written < size) {
        throw new IOException("the download of package " + version + " ended at byte "
            + written + " of " + size);
      }
      return received;
    }
  }

  /** Checks a complete package file, and deletes it when a check fails. */
  void check(Path file, String version, String sha256)
      throws PackageRejectedException, IOException {
    String actual = sha256(file);
    if (!actual.equalsIgnoreCase(sha256)) {
      Files.deleteIfExists(file);
      throw new PackageRejectedException("package " + version + " has SHA-256 " + actual
          + ", not " + sha256 + " as the tenant announced");
    }
    try {
      PackageVerifier.verify(file, trustedKey, maxPackageSize);
    } catch (PackageException e) {
      Files.deleteIfExists(file);
      throw new PackageRejectedException("package " + version + " was rejected ("
          + e.reason().name().toLowerCase(Locale.ROOT) + "): " + e.getMessage(), e);
    }
  }

  /** Returns the SHA-256 of {@code file} in lowercase hexadecimal. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256, which Java requires", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER_SIZE];
      int read;
      while ((read = in.read(buffer)) != -1) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

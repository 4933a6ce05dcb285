package io.bridgehead.wire.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.wire.release.PackageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageVerifierTest {
  private static final long LIMIT = 10_000_000;

  @TempDir Path temp;
  private KeyPair key;
  private Path archive;

  @BeforeEach
  void buildPackage() throws IOException {
    key = ReleaseKeys.generate();
    Path source = temp.resolve("source");
    Files.createDirectories(source.resolve("lib"));
    Files.createDirectories(source.resolve("bin"));
    Files.writeString(source.resolve("lib/launcher.jar"), "not really a jar");
    Path script = Files.writeString(source.resolve("bin/bridgehead"), "#!/bin/sh\necho hi\n");
    script.toFile().setExecutable(true);
    archive = temp.resolve("bridgehead-1.2.0.zip");
    PackageBuilder.build(source, "1.2.0", key.getPrivate(), archive);
  }

  @Test
  void unpacksSignedPackageWithModes() throws Exception {
    Path target = temp.resolve("versions/1.2.0");
    Files.createDirectories(target.getParent());

    ReleaseManifest manifest = PackageVerifier.unpack(archive, key.getPublic(), LIMIT, target);

    assertThat(manifest.version()).isEqualTo("1.2.0");
    assertThat(manifest.files()).extracting(ManifestEntry::path)
        .containsExactly("bin/bridgehead", "lib/launcher.jar");
    assertThat(target.resolve("lib/launcher.jar")).hasContent("not really a jar");
    assertThat(Files.isExecutable(target.resolve("bin/bridgehead"))).isTrue();
    assertThat(Files.isExecutable(target.resolve("lib/launcher.jar"))).isFalse();
  }

  @Test
  void rejectsOtherSigningKey() {
    KeyPair other = ReleaseKeys.generate();
    assertRejected(other, Reason.BAD_SIGNATURE, "does not match the trusted release key");
  }

  @Test
  void rejectsAnUnsignedPackage() throws IOException {
    rewrite(entries -> entries.remove(ReleasePackage.SIGNATURE));
    assertRejected(key, Reason.UNSIGNED, "not signed");
  }

  @Test
  void rejectsManifestChangedAfterSigning() throws IOException {
    rewrite(entries -> entries.put(ReleasePackage.MANIFEST, new String(
        entries.get(ReleasePackage.MANIFEST), StandardCharsets.UTF_8)
        .replace("1.2.0", "1.2.1").getBytes(StandardCharsets.UTF_8)));
    assertRejected(key, Reason.BAD_SIGNATURE, "changed after signing");
  }

  @Test
  void rejectsFileWithOtherHash() throws IOException {
    rewrite(entries -> entries.put("files/lib/launcher.jar",
        "not really a jaR".getBytes(StandardCharsets.UTF_8)));
    assertRejected(key, Reason.FILE_MISMATCH, "lib/launcher.jar differs from the signed");
  }

  @Test
  void rejectsFileLongerThanListed() throws IOException {
    rewrite(entries -> entries.put("files/lib/launcher.jar", new byte[100_000]));
    assertRejected(key, Reason.FILE_MISMATCH, "longer than");
  }

  @Test
  void rejectsUnlistedFile() throws IOException {
    rewrite(entries -> entries.put("files/lib/extra.jar", new byte[1]));
    assertRejected(key, Reason.FILE_MISMATCH, "does not list");
  }

  @Test
  void rejectsAMissingFile() throws IOException {
    rewrite(entries -> entries.remove("files/bin/bridgehead"));
    assertRejected(key, Reason.FILE_MISMATCH, "missing from the archive");
  }

  @Test
  void rejectsATruncatedArchive() throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRejected(key, Reason.CORRUPT, "not a readable zip");
  }

  @Test
  void rejectsAnArchiveOverTheLimit() throws IOException {
    Path target = temp.resolve("target");
    assertThatThrownBy(() -> PackageVerifier.unpack(archive, key.getPublic(), 100, target))
        .isInstanceOfSatisfying(PackageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("over the limit of 100 bytes");
    assertThat(target).doesNotExist();
  }

  @Test
  void rejectsPathOutsideFolder() throws IOException {
    byte[] manifest = ("{\"format\":1,\"version\":\"1.2.0\",\"created\":\"2026-12-04T00:00:00Z\","
        + "\"files\":[{\"path\":\"../escape\",\"size\":1,\"sha256\":\"" + "0".repeat(64)
        + "\",\"executable\":false}]}").getBytes(StandardCharsets.UTF_8);
    rewrite(entries -> {
      entries.clear();
      entries.put(ReleasePackage.MANIFEST, manifest);
      entries.put(ReleasePackage.SIGNATURE, Base64.getEncoder()
          .encode(PackageBuilder.sign(manifest, key.getPrivate())));
      entries.put("files/../escape", new byte[1]);
    });
    assertRejected(key, Reason.BAD_MANIFEST, "'../escape' is not allowed");
    assertThat(temp.resolve("escape")).doesNotExist();
  }

  @Test
  void verifyChecksFilesWithoutWriting() throws Exception {
    ReleaseManifest manifest = PackageVerifier.verify(archive, key.getPublic(), LIMIT);
    rewrite(entries -> entries.put("files/lib/launcher.jar",
        "not really a jaR".getBytes(StandardCharsets.UTF_8)));

    assertThat(manifest.version()).isEqualTo("1.2.0");
    assertThatThrownBy(() -> PackageVerifier.verify(archive, key.getPublic(), LIMIT))
        .isInstanceOf(PackageException.class)
        .hasMessageContaining("lib/launcher.jar differs from the signed manifest");
    assertThat(temp).isDirectoryNotContaining(path -> path.getFileName().toString()
        .startsWith(".staging-"));
  }

  @Test
  void readsTheManifestWithoutUnpacking() throws Exception {
    assertThat(PackageVerifier.readManifest(archive, key.getPublic()).version())
        .isEqualTo("1.2.0");
  }

  @Test
  void keysSurviveTheirFiles() throws IOException {
    Path privateFile = temp.resolve("release.key");
    Path publicFile = temp.resolve("release.pub");
    ReleaseKeys.write(key, privateFile, publicFile);

    assertThat(Files.getPosixFilePermissions(privateFile))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(ReleaseKeys.readPublic(publicFile)).isEqualTo(key.getPublic());
    assertThat(ReleaseKeys.readPrivate(privateFile).getEncoded())
        .isEqualTo(key.getPrivate().getEncoded());
    assertThatThrownBy(() -> ReleaseKeys.write(key, privateFile, publicFile))
        .hasMessageContaining("a key file is there already");
    assertThatThrownBy(() -> ReleaseKeys.readPublic(privateFile))
        .hasMessageContaining("contains no '-----BEGIN PUBLIC KEY-----' block");
  }

  @Test
  void rejectsAnInvalidVersion() {
    assertThatThrownBy(() -> PackageBuilder.build(temp, "1.2", key.getPrivate(),
        temp.resolve("x.zip"))).hasMessageContaining("version '1.2' is not valid");
  }

  private void assertRejected(KeyPair trusted, Reason reason, String message) {
    Path target = temp.resolve("target");
    assertThatThrownBy(() -> PackageVerifier.unpack(archive, trusted.getPublic(), LIMIT,
        target))
        .isInstanceOfSatisfying(PackageException.class,
            e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
    assertThat(target).doesNotExist();
    assertThat(temp).isDirectoryNotContaining("glob:**/.staging-*");
  }

  /** Rewrites the archive's entries, in order, after {@code change}. */
  private void rewrite(Consumer<Map<String, byte[]>> change) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    change.accept(entries);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive))) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
  }
}

package io.bridgehead.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.wire.release.PackageBuilder;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.release.ReleasePackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks a downloaded package goes through before it is kept, for the packages the
 * tenant itself rejects at publication, so that no end-to-end download can deliver them.
 */
class PackageCheckTest {
  private static final String VERSION = "9.2.0";

  @TempDir
  Path temp;

  private KeyPair key;
  private PackageDownloader downloader;
  private Path archive;

  @BeforeEach
  void buildPackage() throws IOException {
    key = ReleaseKeys.generate();
    UpdateFolder folder = UpdateFolder.of(temp.resolve("install"));
    Files.createDirectories(folder.packages());
    downloader = new PackageDownloader(folder, key.getPublic(), 1024 * 1024);
    Path source = Files.createDirectories(temp.resolve("source").resolve("lib"));
    Files.writeString(source.resolve("agent.jar"), "not really a jar");
    archive = temp.resolve("package.zip");
    PackageBuilder.build(source.getParent(), VERSION, key.getPrivate(), archive);
  }

  @Test
  void signedPackagePasses() throws Exception {
    downloader.check(archive, VERSION, PackageDownloader.sha256(archive));

    assertThat(archive).exists();
  }

  @Test
  void unsignedPackageIsRejected() throws Exception {
    Path unsigned = temp.resolve("unsigned.zip");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
         ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(unsigned))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (!entry.getName().equals(ReleasePackage.SIGNATURE)) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    String sha256 = PackageDownloader.sha256(unsigned);

    assertThatThrownBy(() -> downloader.check(unsigned, VERSION, sha256))
        .isInstanceOf(PackageRejectedException.class)
        .hasMessageContaining("package " + VERSION + " was rejected (unsigned)");
    assertThat(unsigned).doesNotExist();
  }

  @Test
  void corruptPackageIsRejected() throws Exception {
    Path corrupt = temp.resolve("corrupt.zip");
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
    String sha256 = PackageDownloader.sha256(corrupt);

    assertThatThrownBy(() -> downloader.check(corrupt, VERSION, sha256))
        .isInstanceOf(PackageRejectedException.class)
        .hasMessageContaining("package " + VERSION + " was rejected (corrupt)");
    assertThat(corrupt).doesNotExist();
  }

  @Test
  void otherHashIsRejected() throws Exception {
    String other = "0".repeat(64);

    assertThatThrownBy(() -> downloader.check(archive, VERSION, other))
        .isInstanceOf(PackageRejectedException.class)
        .hasMessageContaining("not " + other + " as the tenant announced");
    assertThat(archive).doesNotExist();
  }
}

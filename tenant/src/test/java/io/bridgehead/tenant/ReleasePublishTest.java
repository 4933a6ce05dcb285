package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bridgehead.tenant.admin.AdminApi;
import io.bridgehead.tenant.admin.AdminException;
import io.bridgehead.tenant.admin.EventView;
import io.bridgehead.tenant.admin.PoolView;
import io.bridgehead.tenant.admin.ReleaseView;
import io.bridgehead.wire.release.ReleaseKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing, listing and deleting releases through the admin API of a real tenant. */
class ReleasePublishTest {
  private static final long LIMIT = 512 * 1024;

  @TempDir
  Path folder;

  private KeyPair key;
  private TestTenant tenant;

  @BeforeEach
  void startTenant() throws IOException {
    key = ReleaseKeys.generate();
    UpdateSettings updates = UpdateSettings.defaults().withReleaseKey(key.getPublic())
        .withMaxPackageBytes(LIMIT);
    tenant = TestTenant.start(folder.resolve("tenant"), updates, Clock.systemUTC());
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void publishedReleaseIsListedAndStored() throws IOException {
    Path archive = TestPackages.build(folder, key.getPrivate(), "1.2.0");

    ReleaseView published = tenant.admin.publishRelease(archive);
    List<ReleaseView> listed = tenant.admin.releases();

    assertThat(published.version()).isEqualTo("1.2.0");
    assertThat(published.size()).isEqualTo(Files.size(archive));
    assertThat(published.files()).isEqualTo(2);
    assertThat(listed).extracting(ReleaseView::version).containsExactly("1.2.0");
    assertThat(releaseFolder().resolve("bridgehead-1.2.0.zip")).hasSameBinaryContentAs(archive);
    assertThat(tenant.admin.events(5)).extracting(EventView::kind)
        .contains("release_published");
  }

  @Test
  void samePackageTwiceChangesNothing() throws IOException {
    Path archive = TestPackages.build(folder, key.getPrivate(), "1.2.0");
    ReleaseView first = tenant.admin.publishRelease(archive);

    ReleaseView second = tenant.admin.publishRelease(archive);

    assertThat(second.publishedAt()).isEqualTo(first.publishedAt());
    assertThat(tenant.admin.releases()).hasSize(1);
  }

  @Test
  void otherPackageOfSameVersionIsRejected() throws IOException {
    tenant.admin.publishRelease(TestPackages.build(folder, key.getPrivate(), "1.2.0"));
    Path other = TestPackages.build(folder.resolve("other"), key.getPrivate(), "1.2.0",
        1000);

    assertThatThrownBy(() -> tenant.admin.publishRelease(other))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("version 1.2.0 is published already with another package")
        .hasMessageContaining("tenant release delete 1.2.0");
  }

  @Test
  void packageSignedWithOtherKeyIsRejected() throws IOException {
    KeyPair stranger = ReleaseKeys.generate();
    Path archive = TestPackages.build(folder, stranger.getPrivate(), "1.2.0");

    assertThatThrownBy(() -> tenant.admin.publishRelease(archive))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release package rejected (bad_signature)")
        .hasMessageContaining(ReleaseKeys.fingerprint(key.getPublic()));
    assertThat(tenant.admin.releases()).isEmpty();
    assertThat(releaseFolder()).isEmptyDirectory();
  }

  @Test
  void unsignedPackageIsRejected() throws IOException {
    Path archive = TestPackages.build(folder, key.getPrivate(), "1.2.0");
    Path unsigned = copyWithout(archive, "manifest.sig");

    assertThatThrownBy(() -> tenant.admin.publishRelease(unsigned))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release package rejected (unsigned)")
        .hasMessageContaining("the package is not signed");
    assertThat(releaseFolder()).isEmptyDirectory();
  }

  @Test
  void packageWithChangedFileIsRejected() throws IOException {
    Path archive = TestPackages.build(folder, key.getPrivate(), "1.2.0");
    Path changed = copyWithout(archive, "files/bin/bridgehead");
    appendEntry(changed, "files/bin/bridgehead", "#!/bin/sh\nrm -rf /\n");

    assertThatThrownBy(() -> tenant.admin.publishRelease(changed))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release package rejected (file_mismatch)")
        .hasMessageContaining("bin/bridgehead differs from the signed manifest");
  }

  @Test
  void fileThatIsNoZipIsRejected() throws IOException {
    Path text = Files.writeString(folder.resolve("notes.zip"), "not a zip archive");

    assertThatThrownBy(() -> tenant.admin.publishRelease(text))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release package rejected (corrupt)");
  }

  @Test
  void oversizedUploadIsRejected() throws IOException {
    Path archive = TestPackages.build(folder, key.getPrivate(), "1.2.0", (int) LIMIT + 1000);

    assertThatThrownBy(() -> tenant.admin.publishRelease(archive))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("larger than the tenant's limit of " + LIMIT + " bytes")
        .hasMessageContaining("--max-package-size")
        .extracting(e -> ((AdminException) e).status()).isEqualTo(413);
    assertThat(releaseFolder()).isEmptyDirectory();
  }

  @Test
  void oversizedStreamIsRejected() throws IOException {
    RequestBody unknownLength = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("application/zip");
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent <= LIMIT; sent += chunk.length) {
          sink.write(chunk);
        }
      }
    };
    Request request = new Request.Builder().url(tenant.server.url() + AdminApi.RELEASES)
        .header("Authorization", "Bearer " + tenant.server.adminToken())
        .post(unknownLength).build();

    try (Response response = tenant.http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(413);
      assertThat(response.body().string()).contains("the release package is larger than the"
          + " tenant's limit of " + LIMIT + " bytes");
    }
    assertThat(releaseFolder()).isEmptyDirectory();
  }

  @Test
  void deleteRemovesReleaseAndFile() throws IOException {
    tenant.admin.publishRelease(TestPackages.build(folder, key.getPrivate(), "1.2.0"));

    ReleaseView deleted = tenant.admin.deleteRelease("1.2.0");

    assertThat(deleted.version()).isEqualTo("1.2.0");
    assertThat(tenant.admin.releases()).isEmpty();
    assertThat(releaseFolder()).isEmptyDirectory();
  }

  @Test
  void deleteOfTargetedReleaseIsRejected() throws IOException {
    tenant.admin.createPool("servers");
    tenant.admin.publishRelease(TestPackages.build(folder, key.getPrivate(), "1.2.0"));
    tenant.admin.setTargetVersion("servers", "1.2.0");

    assertThatThrownBy(() -> tenant.admin.deleteRelease("1.2.0"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release 1.2.0 is the target version of pool(s) servers")
        .hasMessageContaining("pool set-version NAME VERSION|none");
    PoolView pool = tenant.admin.setTargetVersion("servers", null);
    assertThat(pool.targetVersion()).isNull();
    assertThat(tenant.admin.deleteRelease("1.2.0").version()).isEqualTo("1.2.0");
  }

  @Test
  void unknownVersionIsNotFound() throws IOException {
    tenant.admin.createPool("servers");

    assertThatThrownBy(() -> tenant.admin.deleteRelease("9.9.9"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release 9.9.9 not found");
    assertThatThrownBy(() -> tenant.admin.setTargetVersion("servers", "9.9.9"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("release 9.9.9 not found")
        .hasMessageContaining("tenant release publish FILE");
    assertThatThrownBy(() -> tenant.admin.setTargetVersion("servers", "nine"))
        .isInstanceOf(AdminException.class)
        .hasMessageContaining("version 'nine' is not valid");
  }

  @Test
  void olderVersionMayBeTarget() throws IOException {
    tenant.admin.createPool("servers");
    tenant.admin.publishRelease(TestPackages.build(folder, key.getPrivate(), "1.3.0"));
    tenant.admin.publishRelease(TestPackages.build(folder, key.getPrivate(), "1.2.0"));
    tenant.admin.setTargetVersion("servers", "1.3.0");

    PoolView pool = tenant.admin.setTargetVersion("servers", "1.2.0");

    assertThat(pool.targetVersion()).isEqualTo("1.2.0");
  }

  @Test
  void leftoverUploadIsRemovedAtStart() throws IOException {
    Path leftover = Files.writeString(releaseFolder().resolve(".upload-1.tmp"), "partial");
    Path orphan = Files.writeString(releaseFolder().resolve("bridgehead-0.9.0.zip"), "old");
    tenant.close();

    tenant = TestTenant.start(folder.resolve("tenant"), UpdateSettings.defaults()
        .withReleaseKey(key.getPublic()), Clock.systemUTC());

    assertThat(leftover).doesNotExist();
    assertThat(orphan).doesNotExist();
  }

  private Path releaseFolder() {
    return folder.resolve("tenant").resolve("releases");
  }

  /** Copies a zip archive without one entry. */
  private Path copyWithout(Path archive, String skipped) throws IOException {
    Path copy = folder.resolve("copy-" + count(folder) + ".zip");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
         ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (!entry.getName().equals(skipped)) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    return copy;
  }

  /** Rewrites a zip archive with one more entry at its end. */
  private static void appendEntry(Path archive, String name, String content)
      throws IOException {
    Path temporary = archive.resolveSibling(archive.getFileName() + ".tmp");
    try (InputStream source = Files.newInputStream(archive);
         ZipInputStream in = new ZipInputStream(source);
         OutputStream sink = Files.newOutputStream(temporary);
         ZipOutputStream out = new ZipOutputStream(sink)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry(name));
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING);
  }

  private static long count(Path path) throws IOException {
    try (Stream<Path> files = Files.list(path)) {
      return files.count();
    }
  }
}

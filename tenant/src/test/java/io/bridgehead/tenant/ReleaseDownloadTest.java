package io.bridgehead.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.tenant.admin.ReleaseView;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.release.ReleaseKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Arrays;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloading a release package as an agent, whole and in byte ranges. */
class ReleaseDownloadTest {
  private static final String VERSION = "1.2.0";

  @TempDir
  Path folder;

  private TestTenant tenant;
  private EnrollResponse agent;
  private byte[] archive;
  private ReleaseView release;

  /** A downloaded response: status, headers and body. */
  private record Download(int status, Headers headers, byte[] body) {}

  @BeforeEach
  void publishRelease() throws IOException {
    KeyPair key = ReleaseKeys.generate();
    tenant = TestTenant.start(folder.resolve("tenant"),
        UpdateSettings.defaults().withReleaseKey(key.getPublic()), Clock.systemUTC());
    Path file = TestPackages.build(folder, key.getPrivate(), VERSION, 300_000);
    archive = Files.readAllBytes(file);
    release = tenant.admin.publishRelease(file);
    agent = tenant.enrollAgent("servers");
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void wholePackageMatchesPublishedFile() throws IOException {
    Download download = download(null, null);

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(archive);
    assertThat(download.headers().get("Accept-Ranges")).isEqualTo("bytes");
    assertThat(download.headers().get("ETag")).isEqualTo("\"" + release.sha256() + "\"");
    assertThat(download.headers().get("Content-Type")).isEqualTo("application/zip");
  }

  @Test
  void resumeFromMiddleCompletesFile() throws IOException {
    int middle = archive.length / 2;

    Download head = download("bytes=0-" + (middle - 1), null);
    Download rest = download("bytes=" + middle + "-", "\"" + release.sha256() + "\"");

    assertThat(head.status()).isEqualTo(206);
    assertThat(head.headers().get("Content-Range"))
        .isEqualTo("bytes 0-" + (middle - 1) + "/" + archive.length);
    assertThat(rest.status()).isEqualTo(206);
    assertThat(rest.headers().get("Content-Range"))
        .isEqualTo("bytes " + middle + "-" + (archive.length - 1) + "/" + archive.length);
    byte[] joined = Arrays.copyOf(head.body(), archive.length);
    System.arraycopy(rest.body(), 0, joined, middle, rest.body().length);
    assertThat(head.body().length + rest.body().length).isEqualTo(archive.length);
    assertThat(joined).isEqualTo(archive);
  }

  @Test
  void suffixRangeReturnsEnd() throws IOException {
    Download tail = download("bytes=-100", null);

    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(archive, archive.length - 100,
        archive.length));
  }

  @Test
  void lastBytePastEndIsCut() throws IOException {
    Download download = download("bytes=10-" + (archive.length + 500), null);

    assertThat(download.status()).isEqualTo(206);
    assertThat(download.body()).isEqualTo(Arrays.copyOfRange(archive, 10, archive.length));
  }

  @Test
  void otherPackageTagSendsWholeFile() throws IOException {
    Download download = download("bytes=100-", "\"0000\"");

    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(archive);
  }

  @Test
  void badRangesGet416() throws IOException {
    String[] ranges = {"bytes=" + archive.length + "-", "bytes=50-10", "bytes=0-1,5-9",
        "items=0-10", "bytes=-0", "bytes=-"};
    for (String range : ranges) {
      Download download = download(range, null);

      assertThat(download.status()).as(range).isEqualTo(416);
      assertThat(download.headers().get("Content-Range")).as(range)
          .isEqualTo("bytes */" + archive.length);
      assertThat(new String(download.body())).as(range).contains("range_not_satisfiable");
    }
  }

  @Test
  void unknownVersionIsNotFound() throws IOException {
    TestTenant.Answer answer = tenant.get(AgentApi.releasePath("9.9.9"), agent.credential());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body()).contains("release 9.9.9 not found");
  }

  @Test
  void downloadNeedsAgentCredential() throws IOException {
    TestTenant.Answer anonymous = tenant.get(AgentApi.releasePath(VERSION));
    TestTenant.Answer wrong = tenant.get(AgentApi.releasePath(VERSION), "agt_x.wrong");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
  }

  private Download download(String range, String ifRange) throws IOException {
    Request.Builder request = new Request.Builder()
        .url(tenant.server.url() + AgentApi.releasePath(VERSION))
        .header("Authorization", "Bearer " + agent.credential());
    if (range != null) {
      request.header("Range", range);
    }
    if (ifRange != null) {
      request.header("If-Range", ifRange);
    }
    try (Response response = tenant.http.newCall(request.build()).execute()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(response.body().bytes());
      return new Download(response.code(), response.headers(), body.toByteArray());
    }
  }
}

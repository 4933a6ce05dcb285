package io.bridgehead.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.tenant.TenantServer;
import io.bridgehead.tenant.TenantSettings;
import io.bridgehead.tenant.UpdateSettings;
import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.UpdateReport;
import io.bridgehead.wire.release.PackageBuilder;
import io.bridgehead.wire.release.ReleaseKeys;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release, target version, update window and retry commands on a real tenant. */
class UpdateCommandsTest {
  private static final long LIMIT = 1024 * 1024;

  @TempDir
  Path folder;

  private KeyPair key;
  private TenantServer tenant;
  private Path data;

  @BeforeEach
  void startTenant() throws IOException {
    key = ReleaseKeys.generate();
    data = folder.resolve("tenant");
    tenant = TenantServer.start(TenantSettings.defaults(data).withPort(0).withUpdates(
        UpdateSettings.defaults().withReleaseKey(key.getPublic()).withMaxPackageBytes(LIMIT)));
  }

  @AfterEach
  void stopTenant() {
    tenant.close();
  }

  @Test
  void publishTargetAndListShowRelease() throws IOException {
    admin().createPool("servers");
    Path archive = buildPackage(key.getPrivate(), "1.2.0", 1000);

    CommandRun publish = tenant("release", "publish", archive.toString());
    CommandRun setVersion = tenant("pool", "set-version", "servers", "1.2.0");
    CommandRun setWindow = tenant("pool", "set-update-window", "servers", "mon-fri",
        "01:00-05:00");
    CommandRun list = tenant("release", "list");
    CommandRun pools = tenant("pools");

    assertThat(publish.exitCode()).as(publish.err()).isZero();
    assertThat(publish.out()).contains("Release 1.2.0 is published");
    assertThat(setVersion.exitCode()).as(setVersion.err()).isZero();
    assertThat(setVersion.out()).contains("targets version 1.2.0 now");
    assertThat(setWindow.exitCode()).as(setWindow.err()).isZero();
    assertThat(setWindow.out()).contains("only in the window mon-fri 01:00-05:00");
    assertThat(list.out()).contains("1.2.0").contains("servers");
    assertThat(pools.out()).contains("1.2.0").contains("mon-fri 01:00-05:00");
  }

  @Test
  void deleteWaitsUntilNoPoolTargets() throws IOException {
    admin().createPool("servers");
    tenant("release", "publish", buildPackage(key.getPrivate(), "1.2.0", 1000).toString());
    tenant("pool", "set-version", "servers", "1.2.0");

    CommandRun rejected = tenant("release", "delete", "1.2.0");
    CommandRun none = tenant("pool", "set-version", "servers", "none");
    CommandRun deleted = tenant("release", "delete", "1.2.0");

    assertThat(rejected.exitCode()).isEqualTo(ExitCode.REJECTED.code());
    assertThat(rejected.err()).contains("is the target version of pool(s) servers");
    assertThat(none.out()).contains("wants no update now");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("Deleted release 1.2.0");
  }

  @Test
  void badInputIsRejectedWithReason() throws IOException {
    admin().createPool("servers");
    KeyPair stranger = ReleaseKeys.generate();
    Path foreign = buildPackage(stranger.getPrivate(), "1.2.0", 1000);
    Path large = buildPackage(key.getPrivate(), "1.3.0", (int) LIMIT + 1000);

    CommandRun window = tenant("pool", "set-update-window", "servers", "weekdays");
    CommandRun version = tenant("pool", "set-version", "servers", "two");
    CommandRun missing = tenant("release", "publish", folder.resolve("none.zip").toString());
    CommandRun wrongKey = tenant("release", "publish", foreign.toString());
    CommandRun tooLarge = tenant("release", "publish", large.toString());
    CommandRun unknown = tenant("release", "delete", "9.9.9");

    assertThat(window.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
    assertThat(window.err()).contains("invalid update window 'weekdays'");
    assertThat(version.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
    assertThat(version.err()).contains("version 'two' is not valid");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
    assertThat(missing.err()).contains("none.zip not found");
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCode.REJECTED.code());
    assertThat(wrongKey.err()).contains("release package rejected (bad_signature)");
    assertThat(tooLarge.exitCode()).isEqualTo(ExitCode.REJECTED.code());
    assertThat(tooLarge.err()).contains("larger than the tenant's limit of " + LIMIT + " bytes");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.REJECTED.code());
    assertThat(unknown.err()).contains("release 9.9.9 not found");
  }

  @Test
  void agentsShowFailedUpdateUntilRetry() throws IOException {
    String enrollmentKey = admin().createPool("servers").enrollmentKey();
    tenant("release", "publish", buildPackage(key.getPrivate(), "1.2.0", 1000).toString());
    EnrollResponse agent = enroll(enrollmentKey);
    reportFailure(agent, "1.2.0");

    CommandRun agents = tenant("agents");
    CommandRun retry = tenant("agent", "retry-update", agent.agentId());
    CommandRun again = tenant("agent", "retry-update", agent.agentId());
    CommandRun events = tenant("events");

    assertThat(agents.out()).contains("failed 1.2.0");
    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("may be offered version(s) 1.2.0 again");
    assertThat(again.out()).contains("nothing to retry");
    assertThat(events.out()).contains("update_failed").contains("update_retry");
  }

  @Test
  void startRejectsBadUpdateOptions() {
    String[] keys = {"logback.configurationFile", "bridgehead.log.dir", "bridgehead.log.name"};
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.getProperty(keys[i]);
    }
    try {
      CommandRun missingKey = tenant("start", "--release-key",
          folder.resolve("none.pem").toString());
      CommandRun shortTimeout = tenant("start", "--update-timeout", "5s");

      assertThat(missingKey.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
      assertThat(missingKey.err()).contains("--release-key").contains("not found");
      assertThat(shortTimeout.exitCode()).isEqualTo(ExitCode.INVALID_ARGUMENT.code());
      assertThat(shortTimeout.err()).contains("--update-timeout is 5s");
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  @Test
  void helpListsUpdateCommands() {
    CommandRun run = CommandRun.of("tenant", "--help");

    assertThat(run.out()).contains("release publish FILE").contains("pool set-version NAME")
        .contains("pool set-update-window NAME").contains("agent retry-update ID")
        .contains("--release-key FILE").contains("--max-package-size");
  }

  private Path buildPackage(PrivateKey signer, String version, int jarBytes)
      throws IOException {
    Path source = Files.createDirectories(folder.resolve("source-" + version + "-"
        + jarBytes).resolve("lib"));
    byte[] jar = new byte[jarBytes];
    new Random(jarBytes).nextBytes(jar);
    Files.write(source.resolve("launcher.jar"), jar);
    Path archive = folder.resolve("bridgehead-" + version + "-" + jarBytes + ".zip");
    PackageBuilder.build(source.getParent(), version, signer, archive);
    return archive;
  }

  private CommandRun tenant(String... arguments) {
    String[] all = new String[arguments.length + 3];
    all[0] = "tenant";
    all[1] = "--data";
    all[2] = data.toString();
    System.arraycopy(arguments, 0, all, 3, arguments.length);
    return CommandRun.of(all);
  }

  private AdminClient admin() throws IOException {
    return AdminClient.connect(tenant.url(), tenant.fingerprint(), tenant.adminToken());
  }

  private EnrollResponse enroll(String enrollmentKey) throws IOException {
    byte[] body = Json.mapper().writeValueAsBytes(new EnrollRequest(enrollmentKey, "cli-host",
        List.of(Role.AUTOMATION), "0.1.0", "Linux test", List.of(), null));
    return Json.mapper().readValue(post(AgentApi.ENROLL, body, null), EnrollResponse.class);
  }

  private void reportFailure(EnrollResponse agent, String version) throws IOException {
    byte[] body = Json.mapper().writeValueAsBytes(new UpdateReport(version, "failed",
        "the new version did not start", null));
    post(AgentApi.UPDATE_REPORT, body, agent.credential());
  }

  /** Posts JSON to the agent API with raw HTTPS, as an agent would, and returns the body. */
  private byte[] post(String path, byte[] body, String credential) throws IOException {
    TenantTrust trust = TenantTrust.create(tenant.fingerprint(), null);
    OkHttpClient http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .callTimeout(Duration.ofSeconds(30))
        .build();
    Request.Builder request = new Request.Builder().url(tenant.url() + path)
        .post(RequestBody.create(body, MediaType.get("application/json")));
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      assertThat(response.isSuccessful()).as(path).isTrue();
      return response.body().bytes();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}

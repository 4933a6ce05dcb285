package io.bridgehead.tenant;

import io.bridgehead.tenant.admin.AdminClient;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.HeartbeatRequest;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A real tenant on a free loopback port in a temporary folder, and raw HTTPS calls to it. */
final class TestTenant implements AutoCloseable {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  final TenantServer server;
  final AdminClient admin;
  final OkHttpClient http;

  private TestTenant(TenantServer server) throws IOException {
    this.server = server;
    this.admin = AdminClient.connect(server.url(), server.fingerprint(), server.adminToken());
    TenantTrust trust = TenantTrust.create(server.fingerprint(), null);
    this.http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .readTimeout(Duration.ofSeconds(60))
        .build();
  }

  static TestTenant start(Path folder) throws IOException {
    return new TestTenant(TenantServer.start(TenantSettings.defaults(folder).withPort(0)));
  }

  /** Starts a tenant whose time-based rules follow {@code clock}. */
  static TestTenant start(Path folder, Clock clock) throws IOException {
    return new TestTenant(TenantServer.start(TenantSettings.defaults(folder).withPort(0),
        clock));
  }

  /** Starts a tenant with these update settings whose time-based rules follow {@code clock}. */
  static TestTenant start(Path folder, UpdateSettings updates, Clock clock)
      throws IOException {
    return new TestTenant(TenantServer.start(TenantSettings.defaults(folder).withPort(0)
        .withUpdates(updates), clock));
  }

  /** A raw response: status and body text. */
  record Answer(int status, String body) {}

  Answer post(String path, String body, String credential) throws IOException {
    return post(path, body, credential, null);
  }

  /** Posts as an agent process that sends {@code instance} as its instance id, unless null. */
  Answer post(String path, String body, String credential, String instance)
      throws IOException {
    Request.Builder request = new Request.Builder().url(server.url() + path)
        .post(RequestBody.create(body, JSON));
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    if (instance != null) {
      request.header(AgentApi.INSTANCE_HEADER, instance);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body() == null ? ""
          : response.body().string());
    }
  }

  Answer get(String path) throws IOException {
    return get(path, null);
  }

  Answer get(String path, String credential) throws IOException {
    Request.Builder request = new Request.Builder().url(server.url() + path).get();
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body() == null ? ""
          : response.body().string());
    }
  }

  /** Creates a pool and enrolls one automation agent in it, returning the enrollment. */
  EnrollResponse enrollAgent(String pool) throws IOException {
    String key = admin.createPool(pool).enrollmentKey();
    return enrollWith(key);
  }

  EnrollResponse enrollWith(String key) throws IOException {
    return enrollWith(key, List.of());
  }

  EnrollResponse enrollWith(String key, List<String> tags) throws IOException {
    String body = Json.mapper().writeValueAsString(new EnrollRequest(key, "test-host",
        List.of(Role.AUTOMATION), "0.1.0", "Linux test", tags, "7.4.1"));
    Answer answer = post("/agent/v1/enroll", body, null);
    if (answer.status() != 200) {
      throw new IOException("enroll answered " + answer.status() + ": " + answer.body());
    }
    return Json.mapper().readValue(answer.body(), EnrollResponse.class);
  }

  /** Polls once for a job without waiting, as an automation agent. */
  Answer poll(String credential, String instance) throws IOException {
    return post(AgentApi.NEXT_JOB, "{\"roles\": [\"automation\"], \"waitSeconds\": 0}",
        credential, instance);
  }

  /** Sends a heartbeat that reports {@code version}, without an instance id. */
  Answer heartbeat(String credential, String version, String timeZone) throws IOException {
    String body = Json.mapper().writeValueAsString(new HeartbeatRequest(version, 0, timeZone));
    return post(AgentApi.HEARTBEAT, body, credential, null);
  }

  /** Sends a heartbeat as an agent process. */
  Answer heartbeat(String credential, String instance) throws IOException {
    return post(AgentApi.HEARTBEAT, "{\"version\": \"0.1.0\", \"runningJobs\": 0}",
        credential, instance);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    server.close();
  }
}

package io.bridgehead.tenant.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.bridgehead.wire.ErrorBody;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.LogLine;
import io.bridgehead.wire.tls.CertificateFingerprint;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Calls the tenant's admin API. Usage:
 *
 * <pre>{@code
 * AdminClient admin = AdminClient.connect(url, fingerprint, token);
 * EnrollmentKeyView key = admin.createPool("servers");
 * }</pre>
 */
public final class AdminClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType ZIP = MediaType.get("application/zip");
  /** How long the tenant may take to check an uploaded package before it responds. */
  private static final Duration PUBLISH_CHECK_TIME = Duration.ofSeconds(60);
  /** Extra read time beyond a server-side wait, for the response to arrive. */
  private static final Duration READ_MARGIN = Duration.ofSeconds(15);

  private final OkHttpClient http;
  private final String baseUrl;
  private final String token;

  private AdminClient(OkHttpClient http, String baseUrl, String token) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
  }

  /**
   * Makes a client for the tenant at {@code url}, trusting the certificate with the given
   * fingerprint, or the system trust store when the fingerprint is null.
   */
  public static AdminClient connect(String url, CertificateFingerprint fingerprint, String token)
      throws IOException {
    TenantTrust trust = TenantTrust.create(fingerprint, null);
    OkHttpClient http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .build();
    return new AdminClient(http, url, token);
  }

  /** Creates a pool with a one-time first key valid for 24 hours. */
  public EnrollmentKeyView createPool(String name) throws IOException {
    return createPool(name, null, null);
  }

  /**
   * Creates a pool and its first enrollment key.
   *
   * @param uses how many agents the key may enroll, or null for 1
   * @param validFor how long the key stays valid, or null for 24 hours
   */
  public EnrollmentKeyView createPool(String name, Integer uses, Duration validFor)
      throws IOException {
    return call(post(AdminApi.POOLS, new CreatePoolRequest(name, uses, seconds(validFor))),
        type(EnrollmentKeyView.class), Duration.ZERO);
  }

  /** Makes a one-time enrollment key valid for 24 hours. */
  public EnrollmentKeyView createEnrollmentKey(String pool) throws IOException {
    return createEnrollmentKey(pool, null, null);
  }

  /**
   * Makes an enrollment key for a pool.
   *
   * @param uses how many agents the key may enroll, or null for 1
   * @param validFor how long the key stays valid, or null for 24 hours
   */
  public EnrollmentKeyView createEnrollmentKey(String pool, Integer uses, Duration validFor)
      throws IOException {
    return call(post(poolPath(pool) + "/keys", new CreateKeyRequest(uses, seconds(validFor))),
        type(EnrollmentKeyView.class), Duration.ZERO);
  }

  /** Lists a pool's enrollment keys, newest first; the keys themselves are never shown. */
  public List<EnrollmentKeyInfo> enrollmentKeys(String pool) throws IOException {
    return call(get(poolPath(pool) + "/keys"),
        listOf(new TypeReference<List<EnrollmentKeyInfo>>() {}), Duration.ZERO);
  }

  public EnrollmentKeyInfo revokeEnrollmentKey(String keyId) throws IOException {
    return call(post(AdminApi.KEYS + "/" + keyId + "/revoke", null),
        type(EnrollmentKeyInfo.class), Duration.ZERO);
  }

  public PoolView renamePool(String name, String newName) throws IOException {
    return call(post(poolPath(name) + "/rename", new RenamePoolRequest(newName)),
        type(PoolView.class), Duration.ZERO);
  }

  /** Makes a pool the default, the one that takes tasks submitted without a pool. */
  public PoolView setDefaultPool(String name) throws IOException {
    return call(post(poolPath(name) + "/default", null), type(PoolView.class), Duration.ZERO);
  }

  public PoolDeleted deletePool(String name) throws IOException {
    return call(delete(poolPath(name)), type(PoolDeleted.class), Duration.ZERO);
  }

  public AgentView disableAgent(String agentId) throws IOException {
    return call(post(AdminApi.AGENTS + "/" + agentId + "/disable", null), type(AgentView.class),
        Duration.ZERO);
  }

  public AgentView enableAgent(String agentId) throws IOException {
    return call(post(AdminApi.AGENTS + "/" + agentId + "/enable", null), type(AgentView.class),
        Duration.ZERO);
  }

  /** Removes an agent; its credential stops working at once. */
  public AgentView removeAgent(String agentId) throws IOException {
    return call(delete(AdminApi.AGENTS + "/" + agentId), type(AgentView.class), Duration.ZERO);
  }

  /** Returns the newest operator events first, at most {@code limit}. */
  public List<EventView> events(int limit) throws IOException {
    return call(get(AdminApi.EVENTS + "?limit=" + limit),
        listOf(new TypeReference<List<EventView>>() {}), Duration.ZERO);
  }

  public List<PoolView> pools() throws IOException {
    return call(get(AdminApi.POOLS), listOf(new TypeReference<List<PoolView>>() {}),
        Duration.ZERO);
  }

  public List<AgentView> agents() throws IOException {
    return call(get(AdminApi.AGENTS), listOf(new TypeReference<List<AgentView>>() {}),
        Duration.ZERO);
  }

  public List<JobView> jobs(int limit) throws IOException {
    return call(get(AdminApi.JOBS + "?limit=" + limit),
        listOf(new TypeReference<List<JobView>>() {}), Duration.ZERO);
  }

  public JobView submit(SubmitTaskRequest request) throws IOException {
    return call(post(AdminApi.JOBS, request), type(JobView.class), Duration.ZERO);
  }

  /** Returns the job, waiting on the tenant up to {@code wait} for it to finish. */
  public JobView job(String jobId, Duration wait) throws IOException {
    return call(get(AdminApi.JOBS + "/" + jobId + "?waitSeconds=" + wait.toSeconds()),
        type(JobView.class), wait);
  }

  public JobView cancel(String jobId) throws IOException {
    return call(post(AdminApi.JOBS + "/" + jobId + "/cancel", null), type(JobView.class),
        Duration.ZERO);
  }

  public List<LogLine> logs(String jobId) throws IOException {
    return call(get(AdminApi.JOBS + "/" + jobId + "/logs"),
        listOf(new TypeReference<List<LogLine>>() {}), Duration.ZERO);
  }

  /**
   * Publishes a release package: streams the file to the tenant, which checks its signature
   * and files before it keeps it.
   */
  public ReleaseView publishRelease(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("release package " + file + " not found");
    }
    Request.Builder request = new Request.Builder().url(baseUrl + AdminApi.RELEASES)
        .post(RequestBody.create(file.toFile(), ZIP));
    return call(request, type(ReleaseView.class), PUBLISH_CHECK_TIME);
  }

  /** Lists the published releases, newest publication first. */
  public List<ReleaseView> releases() throws IOException {
    return call(get(AdminApi.RELEASES), listOf(new TypeReference<List<ReleaseView>>() {}),
        Duration.ZERO);
  }

  /** Deletes a release; the tenant rejects this while a pool targets it. */
  public ReleaseView deleteRelease(String version) throws IOException {
    return call(delete(AdminApi.RELEASES + "/" + version), type(ReleaseView.class),
        Duration.ZERO);
  }

  /**
   * Sets the version a pool's agents should run.
   *
   * @param version a published version, or null when the pool wants no update
   */
  public PoolView setTargetVersion(String pool, String version) throws IOException {
    return call(post(poolPath(pool) + "/target-version", new SetVersionRequest(version)),
        type(PoolView.class), Duration.ZERO);
  }

  /**
   * Sets the days and hours in which a pool's agents may update.
   *
   * @param window text such as {@code mon-fri 01:00-05:00}, or null for any time
   */
  public PoolView setUpdateWindow(String pool, String window) throws IOException {
    return call(post(poolPath(pool) + "/update-window", new SetWindowRequest(window)),
        type(PoolView.class), Duration.ZERO);
  }

  /** Lets an agent try again the versions whose update failed or timed out on it. */
  public UpdateRetried retryUpdate(String agentId) throws IOException {
    return call(post(AdminApi.AGENTS + "/" + agentId + "/retry-update", null),
        type(UpdateRetried.class), Duration.ZERO);
  }

  private static String poolPath(String pool) {
    return AdminApi.POOLS + "/" + pool;
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }

  private Request.Builder delete(String path) {
    return new Request.Builder().url(baseUrl + path).delete();
  }

  private Request.Builder get(String path) {
    return new Request.Builder().url(baseUrl + path).get();
  }

  private Request.Builder post(String path, Object body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : Json.mapper().writeValueAsBytes(body);
    return new Request.Builder().url(baseUrl + path).post(RequestBody.create(bytes, JSON));
  }

  private static JavaType type(Class<?> type) {
    return Json.mapper().constructType(type);
  }

  private static JavaType listOf(TypeReference<?> reference) {
    return Json.mapper().constructType(reference);
  }

  private <T> T call(Request.Builder builder, JavaType type, Duration serverWait)
      throws IOException {
    Request request = builder.header("Authorization", "Bearer " + token).build();
    OkHttpClient client = serverWait.isZero() ? http
        : http.newBuilder().readTimeout(serverWait.plus(READ_MARGIN)).build();
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      if (!response.isSuccessful()) {
        throw new AdminException(response.code(), errorMessage(response.code(), bytes));
      }
      return Json.mapper().readValue(bytes, type);
    } catch (AdminException e) {
      throw e;
    } catch (IOException e) {
      throw new AdminException("cannot reach the tenant at " + baseUrl + ": " + e.getMessage(),
          e);
    }
  }

  private static String errorMessage(int status, byte[] body) {
    try {
      ErrorBody error = Json.mapper().readValue(body, ErrorBody.class);
      if (error.message() != null) {
        return error.message();
      }
    } catch (IOException e) {
      // Not our JSON error body: fall through to the status line.
    }
    return "the tenant responded with HTTP " + status;
  }
}

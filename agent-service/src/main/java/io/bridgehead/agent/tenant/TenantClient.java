package io.bridgehead.agent.tenant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.agent.proxy.ProxyRoute;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.ErrorBody;
import io.bridgehead.wire.HeartbeatRequest;
import io.bridgehead.wire.HeartbeatResponse;
import io.bridgehead.wire.HelloResponse;
import io.bridgehead.wire.JobOffer;
import io.bridgehead.wire.JobResult;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.LeaseRequest;
import io.bridgehead.wire.LeaseResponse;
import io.bridgehead.wire.LogBatch;
import io.bridgehead.wire.PollRequest;
import io.bridgehead.wire.PoolListing;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.UpdateReport;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the agent API. Each method makes one call and either returns the
 * response, throws {@link TenantException} for an error response, or throws
 * {@link IOException} when no response came. Retrying is the caller's choice.
 */
public final class TenantClient {
  private static final Logger log = LoggerFactory.getLogger(TenantClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** Time allowed for a long poll's response beyond the requested wait. */
  private static final Duration POLL_MARGIN = Duration.ofSeconds(15);

  private final OkHttpClient http;
  private final OkHttpClient pollHttp;
  private final String baseUrl;
  private final String credential;
  private final ObjectMapper mapper = Json.mapper();
  private final AtomicReference<Call> currentPoll = new AtomicReference<>();
  private volatile boolean pollCancelled;

  private TenantClient(OkHttpClient http, String baseUrl, String credential,
      Duration pollWait) {
    this.http = http;
    this.pollHttp = http.newBuilder().readTimeout(pollWait.plus(POLL_MARGIN)).build();
    this.baseUrl = baseUrl;
    this.credential = credential;
  }

  /**
   * Makes a client. Its calls go through the connection's proxy, if any, which it chooses
   * once, here.
   *
   * @param credential the agent's credential, or null before enrollment
   * @param pollWait the maximum wait the agent requests of a long poll
   * @throws IllegalArgumentException when the proxy named by the environment is invalid
   */
  public static TenantClient create(TenantConnection connection, String credential,
      Duration pollWait) throws IOException {
    return create(connection, credential, pollWait, true);
  }

  /**
   * Makes a client whose calls carry no instance id, for a process that acts for an agent
   * while the agent's own process runs, such as the updater reporting how an update ended.
   * The tenant accepts such calls beside the active instance, where it would reject a second
   * instance id as a clone.
   */
  public static TenantClient createWithoutInstance(TenantConnection connection,
      String credential, Duration pollWait) throws IOException {
    return create(connection, credential, pollWait, false);
  }

  private static TenantClient create(TenantConnection connection, String credential,
      Duration pollWait, boolean sendInstance) throws IOException {
    TenantTrust trust = TenantTrust.create(connection.fingerprint(), connection.caBundle());
    ProxyRoute route = connection.proxy().routeTo(connection.host(), connection.port());
    log.debug("Calls to {} use {}", connection.url(), route.description());
    OkHttpClient http = new OkHttpClient.Builder()
        .proxy(route.proxy())
        .proxyAuthenticator(route.authenticator())
        .socketFactory(new KeepAliveSocketFactory())
        .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager())
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .retryOnConnectionFailure(false)
        // A redirect could send the credential or task output elsewhere, even to plain HTTP.
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(chain -> chain.proceed(sendInstance ? chain.request().newBuilder()
            .header(AgentApi.INSTANCE_HEADER, AgentInstance.id()).build() : chain.request()))
        .build();
    return new TenantClient(http, connection.url(), credential, pollWait);
  }

  public EnrollResponse enroll(EnrollRequest request) throws IOException {
    return mapper.readValue(post(http, AgentApi.ENROLL, request, false), EnrollResponse.class);
  }

  /** Tells the tenant this process stops, so that a restarted agent is not taken for a clone. */
  public void goodbye() throws IOException {
    post(http, AgentApi.GOODBYE, mapper.createObjectNode(), true);
  }

  /**
   * Sends a heartbeat with this host's time zone, so that the tenant offers an update only
   * inside the pool's update window of the agent's local time.
   */
  public HeartbeatResponse heartbeat(String version, int runningJobs) throws IOException {
    HeartbeatRequest request = new HeartbeatRequest(version, runningJobs,
        ZoneId.systemDefault().getId());
    byte[] body = post(http, AgentApi.HEARTBEAT, request, true);
    return mapper.readValue(body, HeartbeatResponse.class);
  }

  /**
   * Long-polls for the next job; empty when the tenant's wait ended with none.
   * {@link #cancelPoll()} ends the wait early with an {@link IOException}.
   */
  public Optional<JobOffer> next(List<Role> roles, Duration wait) throws IOException {
    byte[] body = post(pollHttp, AgentApi.NEXT_JOB,
        new PollRequest(roles, (int) wait.toSeconds()), true, currentPoll);
    if (body.length == 0) {
      return Optional.empty();
    }
    return Optional.of(mapper.readValue(body, JobOffer.class));
  }

  /**
   * Makes one unauthenticated request to check that a TLS connection to the tenant can be
   * trusted with this client's settings; the response's status does not matter.
   *
   * @throws javax.net.ssl.SSLException when the tenant's certificate is not trusted
   * @throws IOException when the tenant cannot be reached
   */
  public void checkTrust() throws IOException {
    Request request = new Request.Builder().url(baseUrl + AgentApi.PREFIX + "/").get().build();
    try (Response response = http.newCall(request).execute()) {
      response.code();
    }
  }

  /**
   * Asks the tenant for its version with a request that needs no credential.
   *
   * @throws TenantException when the server answers with an error status, for example 404
   *     from a server that is no Bridgehead tenant
   * @throws IOException when the tenant cannot be reached or the body is not a greeting
   */
  public HelloResponse hello() throws IOException {
    Request.Builder request = new Request.Builder().url(baseUrl + AgentApi.HELLO).get();
    return mapper.readValue(send(http, request, false, null), HelloResponse.class);
  }

  /** Returns the pools the agent may move to, with their online agent counts. */
  public List<PoolListing> pools() throws IOException {
    Request.Builder request = new Request.Builder().url(baseUrl + AgentApi.POOLS).get();
    return mapper.readValue(send(http, request, true, null),
        new TypeReference<List<PoolListing>>() {});
  }

  public LeaseResponse accept(String jobId, String leaseId) throws IOException {
    return mapper.readValue(post(http, AgentApi.acceptPath(jobId), new LeaseRequest(leaseId),
        true), LeaseResponse.class);
  }

  /**
   * Renews a lease.
   *
   * @param timeout the longest the whole call may take, so that a stalled renewal is retried
   *     while the lease still holds
   */
  public LeaseResponse renew(String jobId, String leaseId, Duration timeout) throws IOException {
    OkHttpClient client = http.newBuilder().callTimeout(timeout).build();
    return mapper.readValue(post(client, AgentApi.renewPath(jobId), new LeaseRequest(leaseId),
        true), LeaseResponse.class);
  }

  public void sendResult(String jobId, JobResult result) throws IOException {
    post(http, AgentApi.resultPath(jobId), result, true);
  }

  /** Tells the tenant how an update ended; the tenant keeps the log tail's last 16 KiB. */
  public void reportUpdate(UpdateReport report) throws IOException {
    post(http, AgentApi.UPDATE_REPORT, report, true);
  }

  /**
   * Starts the download of a release package, from byte {@code offset} on when it is above 0.
   * The tenant sends the whole package instead when {@code etag} is not the package's ETag
   * (its SHA-256 in quotes), so the caller must check {@link ReleaseStream#offset()}.
   *
   * @throws TenantException for an error response, such as 404 when the release was deleted
   *     or 416 when {@code offset} lies past the package's end
   * @throws IOException when no response came, or a range response starts at another byte
   */
  public ReleaseStream downloadRelease(String version, long offset, String etag)
      throws IOException {
    Request.Builder builder = new Request.Builder().url(baseUrl + AgentApi.releasePath(version))
        .get()
        .header("Authorization", "Bearer " + credential);
    if (offset > 0) {
      builder.header("Range", "bytes=" + offset + "-");
      if (etag != null) {
        builder.header("If-Range", etag);
      }
    }
    Response response = http.newCall(builder.build()).execute();
    ResponseBody body = response.body();
    if (!response.isSuccessful() || body == null) {
      byte[] bytes;
      try (response) {
        bytes = body == null ? new byte[0] : body.bytes();
      }
      throw error(response.code(), bytes);
    }
    long start = 0;
    if (response.code() == 206) {
      start = rangeStart(response.header("Content-Range"));
      if (start != offset) {
        response.close();
        throw new IOException("the tenant sent release " + version + " from byte " + start
            + " when byte " + offset + " was requested");
      }
    }
    return new ReleaseStream(start, body.contentLength(), body.byteStream(), response);
  }

  /** Returns the first byte of a {@code Content-Range: bytes FIRST-LAST/SIZE} header. */
  private static long rangeStart(String header) throws IOException {
    String prefix = "bytes ";
    if (header == null || !header.startsWith(prefix) || header.indexOf('-') < 0) {
      throw new IOException("the tenant sent a partial release download with an invalid"
          + " Content-Range header '" + header + "'");
    }
    try {
      return Long.parseLong(header.substring(prefix.length(), header.indexOf('-')).trim());
    } catch (NumberFormatException e) {
      throw new IOException("the tenant sent a partial release download with an invalid"
          + " Content-Range header '" + header + "'", e);
    }
  }

  public void sendLogs(String jobId, LogBatch batch) throws IOException {
    post(http, AgentApi.logsPath(jobId), batch, true);
  }

  /**
   * Ends a long poll in progress, and every later one, so that a stopping agent need not wait
   * for it.
   */
  public void cancelPoll() {
    pollCancelled = true;
    Call call = currentPoll.get();
    if (call != null) {
      call.cancel();
    }
  }

  /** Stops the client's threads and connections. */
  public void close() {
    cancelPoll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private byte[] post(OkHttpClient client, String path, Object body, boolean authenticated)
      throws IOException {
    return post(client, path, body, authenticated, null);
  }

  private byte[] post(OkHttpClient client, String path, Object body, boolean authenticated,
      AtomicReference<Call> tracker) throws IOException {
    Request.Builder builder = new Request.Builder()
        .url(baseUrl + path)
        .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON));
    return send(client, builder, authenticated, tracker);
  }

  private byte[] send(OkHttpClient client, Request.Builder builder, boolean authenticated,
      AtomicReference<Call> tracker) throws IOException {
    if (authenticated) {
      builder.header("Authorization", "Bearer " + credential);
    }
    Call call = client.newCall(builder.build());
    if (tracker != null) {
      tracker.set(call);
      // cancelPoll() may have run between the check of a caller and set(): look again.
      if (pollCancelled) {
        call.cancel();
      }
    }
    try (Response response = execute(call)) {
      ResponseBody responseBody = response.body();
      byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
      if (!response.isSuccessful()) {
        throw error(response.code(), bytes);
      }
      return bytes;
    } finally {
      if (tracker != null) {
        tracker.compareAndSet(call, null);
      }
    }
  }

  /**
   * Executes {@code call}. OkHttp, written in Kotlin, can throw {@link InterruptedException}
   * from a connect that a stop interrupts, although Java code does not expect that checked
   * exception here; it becomes an {@link InterruptedIOException}, with the interrupt kept.
   */
  private static Response execute(Call call) throws IOException {
    try {
      return call.execute();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      InterruptedIOException interrupted = new InterruptedIOException("the call to the tenant"
          + " was interrupted: " + e);
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  private TenantException error(int status, byte[] body) {
    try {
      ErrorBody error = mapper.readValue(body, ErrorBody.class);
      if (error.message() != null) {
        return new TenantException(status, error.error() == null ? "" : error.error(),
            error.message());
      }
    } catch (IOException e) {
      // Not the tenant's JSON error body, for example a proxy's page: use the status alone.
    }
    return new TenantException(status, "", "the tenant responded with HTTP " + status);
  }
}

package io.bridgehead.wire;

/** Paths and header names of the agent API, version 1. */
public final class AgentApi {
  public static final String PREFIX = "/agent/v1";
  public static final String ENROLL = PREFIX + "/enroll";
  public static final String HEARTBEAT = PREFIX + "/heartbeat";
  public static final String NEXT_JOB = PREFIX + "/jobs/next";
  /** {@code GET}: the pools the agent may move to, as a list of {@link PoolListing}. */
  public static final String POOLS = PREFIX + "/pools";
  /**
   * {@code POST}, no body: a cleanly stopping agent process ends its instance, so that the
   * next process with the same credential is accepted at once. The response is 204.
   */
  public static final String GOODBYE = PREFIX + "/goodbye";
  /**
   * {@code GET}, no credential: a {@link HelloResponse} with the tenant's version, so that a
   * connection check can tell a Bridgehead tenant from another server without enrolling.
   */
  public static final String HELLO = PREFIX + "/hello";
  /**
   * {@code GET} plus a version: the release package, {@code application/zip}. The tenant
   * returns 206 with {@code Content-Range} for a single {@code Range: bytes=...} header, so a
   * broken download resumes. {@code If-Range} with the response's {@code ETag} makes sure the
   * rest belongs to the same package. A malformed range, several ranges, or a range that
   * starts past the end get 416.
   */
  public static final String RELEASES = PREFIX + "/releases";
  /** {@code POST} an {@link UpdateReport}: the outcome of an update. The response is 204. */
  public static final String UPDATE_REPORT = PREFIX + "/update-report";
  /** The maximum number of characters of an update report's log tail that the tenant keeps. */
  public static final int MAX_UPDATE_LOG_CHARS = 16 * 1024;

  /**
   * Request header that names the agent process: a random id that the process makes once at
   * start and sends on every authenticated request. The tenant accepts one active instance per
   * agent; a request from another instance while the active one was heard from within the
   * offline threshold (60 s in the reference tenant) gets 409 {@link #AGENT_CLONED}. A request
   * without the header skips this check, so agents that predate it keep working.
   *
   * <p>NOTE: an agent whose services of several roles share one credential must send the same
   * instance id from each of them, or the tenant takes them for clones of each other.
   */
  public static final String INSTANCE_HEADER = "Bridgehead-Instance";

  /** Error code of a 409 response when the named lease is no longer the job's current lease. */
  public static final String LEASE_LOST = "lease_lost";
  /** Error code of a 401 response when an enrollment key is unknown, used up or expired. */
  public static final String INVALID_ENROLLMENT_KEY = "invalid_enrollment_key";
  /** Error code of a 401 response when an agent's credential is not (or no longer) valid. */
  public static final String INVALID_CREDENTIAL = "invalid_credential";
  /**
   * Error code of a 403 response to a poll when an operator disabled the agent: it gets no new
   * jobs, but may renew and report the jobs it runs.
   */
  public static final String AGENT_DISABLED = "agent_disabled";
  /**
   * Error code of a 409 response when another process uses the same credential with a different
   * {@link #INSTANCE_HEADER}, for example a cloned server or a copied data folder.
   */
  public static final String AGENT_CLONED = "agent_cloned";

  private AgentApi() {}

  public static String releasePath(String version) {
    return RELEASES + "/" + version;
  }

  public static String acceptPath(String jobId) {
    return PREFIX + "/jobs/" + jobId + "/accept";
  }

  public static String renewPath(String jobId) {
    return PREFIX + "/jobs/" + jobId + "/lease";
  }

  public static String resultPath(String jobId) {
    return PREFIX + "/jobs/" + jobId + "/result";
  }

  public static String logsPath(String jobId) {
    return PREFIX + "/jobs/" + jobId + "/logs";
  }
}

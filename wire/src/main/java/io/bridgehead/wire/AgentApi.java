package io.bridgehead.wire;

/** Paths and header names of the agent API, version 1. */
public final class AgentApi {
  public static final String PREFIX = "/agent/v1";
  public static final String ENROLL = PREFIX + "/enroll";
  public static final String HEARTBEAT = PREFIX + "/heartbeat";
  public static final String NEXT_JOB = PREFIX + "/jobs/next";
  /** {@code GET}: the pools the agent may move to, as a list of {@link PoolListing}. */
  public static final String POOLS = PREFIX + "/pools";

  /** Error code of a 409 answer when the named lease is no longer the job's current lease. */
  public static final String LEASE_LOST = "lease_lost";
  /** Error code of a 401 answer when an enrollment key is unknown, used up or expired. */
  public static final String INVALID_ENROLLMENT_KEY = "invalid_enrollment_key";
  /** Error code of a 401 answer when an agent's credential is not (or no longer) valid. */
  public static final String INVALID_CREDENTIAL = "invalid_credential";

  private AgentApi() {}

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

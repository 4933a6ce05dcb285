package io.bridgehead.agent.control;

import io.bridgehead.ipc.EndpointName;
import io.bridgehead.wire.Role;

/**
 * The methods, topic and error codes of a service's control endpoint. Parameters are named;
 * durations are text such as {@code 30s} or {@code 500ms}; times are ISO-8601 instants.
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>method</th><th>access</th><th>parameters</th><th>result</th></tr>
 *   <tr><td>{@value #STATUS_GET}</td><td>READ</td><td>none</td><td>the status object, also
 *       published on topic {@value #STATUS_TOPIC}</td></tr>
 *   <tr><td>{@value #CONFIG_GET}</td><td>READ</td><td>none</td><td>every key of
 *       {@value #CONFIG_SET} with its current value; {@code proxyPassword} is {@code set} or
 *       {@code not set}, never the password</td></tr>
 *   <tr><td>{@value #CONFIG_SET}</td><td>CHANGE</td><td>{@code key}, {@code value} (text;
 *       empty clears {@code fingerprint}, {@code caBundle}, {@code proxyUser} and
 *       {@code proxyPassword}; {@code proxy} is {@code none}, {@code system} or
 *       {@code http://HOST:PORT})</td><td>{@code key}, {@code value}, {@code previous}; the
 *       job loop has restarted with it</td></tr>
 *   <tr><td>{@value #POOLS_LIST}</td><td>READ</td><td>none</td><td>{@code current} and
 *       {@code pools}, each with {@code name}, {@code onlineAgents}, {@code current}</td></tr>
 *   <tr><td>{@value #POOLS_SELECT}</td><td>CHANGE</td><td>{@code pool},
 *       {@code enrollmentKey}</td><td>{@code pool}, {@code agentId}, {@code previousPool},
 *       {@code previousAgentId}</td></tr>
 *   <tr><td>{@value #SERVICE_RESTART}</td><td>CHANGE</td><td>none</td><td>{@code state}
 *       </td></tr>
 *   <tr><td>{@value #UPDATE_CHECK}</td><td>READ</td><td>none</td><td>{@code currentVersion},
 *       {@code wantedVersion} (asked of the tenant now), {@code updateWanted},
 *       {@code installSupported} (true when the service runs with {@code --updates-dir}),
 *       {@code updateWindow} (null: any time), {@code state} (as in the status's
 *       {@code update} object), {@code note}, {@code history} (the last update and repair
 *       results, newest first, as in {@code lastResult})</td></tr>
 *   <tr><td>{@value #REPAIR_REQUEST}</td><td>CHANGE</td><td>none</td><td>starts
 *       {@code bridgehead repair --data-dir D --progress --log-file D/updates/repair.log}
 *       detached and returns at once: {@code started} (true), {@code log} (the log file's
 *       path); the error {@link #REPAIR_NOT_AVAILABLE} without {@code --updates-dir}</td></tr>
 *   <tr><td>{@value #JOBS_RECENT}</td><td>READ</td><td>{@code limit}, 1 to
 *       {@value RecentJobs#CAPACITY}, default all</td><td>{@code jobs}, newest first</td></tr>
 *   <tr><td>{@value #LOGS_TAIL}</td><td>READ</td><td>{@code lines}, 1 to
 *       {@value #MAX_LOG_LINES}, default 100</td><td>{@code file}, {@code lines},
 *       {@code truncated}</td></tr>
 * </table>
 *
 * <p>Invalid parameters get {@link io.bridgehead.ipc.ErrorCodes#INVALID_PARAMS} with a
 * message naming the value; a CHANGE method called by a non-administrator gets
 * {@link io.bridgehead.ipc.ErrorCodes#ACCESS_DENIED}.
 */
public final class ControlApi {
  public static final String STATUS_GET = "status.get";
  public static final String CONFIG_GET = "config.get";
  public static final String CONFIG_SET = "config.set";
  public static final String POOLS_LIST = "pools.list";
  public static final String POOLS_SELECT = "pools.select";
  public static final String SERVICE_RESTART = "service.restart";
  public static final String UPDATE_CHECK = "update.check";
  public static final String REPAIR_REQUEST = "repair.request";
  public static final String JOBS_RECENT = "jobs.recent";
  public static final String LOGS_TAIL = "logs.tail";

  /** The topic of status notifications, one per change; the data is the status object. */
  public static final String STATUS_TOPIC = "status";

  /** The maximum number of lines {@value #LOGS_TAIL} returns in one call. */
  public static final int MAX_LOG_LINES = 1000;

  /** {@value #REPAIR_REQUEST}: the service runs without {@code --updates-dir}. */
  public static final int REPAIR_NOT_AVAILABLE = -32010;
  /** The tenant rejected the request, for example an enrollment key. */
  public static final int TENANT_REJECTED = -32011;
  /** The tenant could not be reached or its certificate was not trusted. */
  public static final int TENANT_UNREACHABLE = -32012;
  /** The service's log file does not exist or cannot be read. */
  public static final int LOG_NOT_AVAILABLE = -32013;

  private ControlApi() {}

  /** Returns the endpoint name a role's service listens under, such as {@code automation}. */
  public static EndpointName endpointName(Role role) {
    return new EndpointName(role.wireName());
  }
}

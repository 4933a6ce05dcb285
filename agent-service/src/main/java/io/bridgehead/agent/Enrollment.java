package io.bridgehead.agent;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.script.PowerShellVersion;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.wire.EnrollRequest;
import io.bridgehead.wire.EnrollResponse;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins an agent to a pool: presents the pool's enrollment key once, then stores the
 * configuration and the credential the tenant returns in the data folder.
 */
public final class Enrollment {
  private static final Logger log = LoggerFactory.getLogger(Enrollment.class);

  private Enrollment() {}

  /**
   * Enrolls and returns the stored configuration.
   *
   * @throws io.bridgehead.agent.tenant.TenantException when the tenant rejects the key
   * @throws IOException when the tenant cannot be reached or the data folder cannot be written
   */
  public static AgentConfig enroll(TenantConnection connection, String enrollmentKey,
      List<Role> roles, Path dataFolder) throws IOException {
    return enroll(connection, enrollmentKey, roles, List.of(), dataFolder);
  }

  /**
   * Enrolls with tags and returns the stored configuration.
   *
   * @param tags labels for the tenant's dispatch: a job that names tags goes only to agents
   *     with all of them
   * @throws io.bridgehead.agent.tenant.TenantException when the tenant rejects the key
   * @throws IOException when the tenant cannot be reached or the data folder cannot be written
   */
  public static AgentConfig enroll(TenantConnection connection, String enrollmentKey,
      List<Role> roles, List<String> tags, Path dataFolder) throws IOException {
    Accepted accepted = request(connection, enrollmentKey, roles, tags);
    store(accepted, dataFolder);
    return accepted.config();
  }

  /**
   * Presents an enrollment key to the tenant and returns its response without storing anything,
   * so that the caller decides when the new enrollment replaces the current one.
   *
   * @throws io.bridgehead.agent.tenant.TenantException when the tenant rejects the key
   * @throws IOException when the tenant cannot be reached
   */
  public static Accepted request(TenantConnection connection, String enrollmentKey,
      List<Role> roles) throws IOException {
    return request(connection, enrollmentKey, roles, List.of());
  }

  /** Presents an enrollment key with tags; see {@link #request(TenantConnection, String, List)}. */
  public static Accepted request(TenantConnection connection, String enrollmentKey,
      List<Role> roles, List<String> tags) throws IOException {
    TenantClient client = TenantClient.create(connection, null, Duration.ofSeconds(1));
    try {
      EnrollResponse response = client.enroll(new EnrollRequest(enrollmentKey, hostName(),
          roles, AgentVersion.current(), operatingSystem(), List.copyOf(tags),
          PowerShellVersion.detect().orElse(null)));
      AgentConfig config = new AgentConfig(connection.url(),
          connection.fingerprint() == null ? null : connection.fingerprint().hex(),
          connection.caBundle() == null ? null : connection.caBundle().toString(),
          response.agentId(), response.poolName(), List.copyOf(roles),
          connection.proxy().settings());
      return new Accepted(config, response.credential(), connection.proxy().password());
    } finally {
      client.close();
    }
  }

  /**
   * Stores an accepted enrollment in the data folder, replacing the current one: the
   * credential first, then the proxy password (or its removal), then the configuration, each
   * file replaced atomically.
   *
   * <p>NOTE: the two files are not replaced as one step. A crash between the two writes leaves
   * the new credential beside the old configuration, so the agent runs under its new identity
   * while showing the old agent id and pool until the next enrollment.
   */
  public static void store(Accepted accepted, Path dataFolder) throws IOException {
    new FileCredentialStore(dataFolder).save(accepted.credential());
    FileCredentialStore proxyPassword = FileCredentialStore.proxyPassword(dataFolder);
    if (accepted.proxyPassword() == null) {
      proxyPassword.delete();
    } else {
      proxyPassword.save(accepted.proxyPassword());
    }
    accepted.config().write(dataFolder);
    log.info("Enrolled as agent {} in pool {} at {}, proxy {}", accepted.config().agentId(),
        accepted.config().pool(), accepted.config().tenantUrl(),
        accepted.config().proxy().option());
  }

  /**
   * An enrollment the tenant accepted.
   *
   * @param config the configuration to store
   * @param credential the agent's new credential; {@link #toString()} leaves it out
   * @param proxyPassword the proxy password to store, or null to store none;
   *     {@link #toString()} leaves it out
   */
  public record Accepted(AgentConfig config, String credential, String proxyPassword) {
    /** Makes an enrollment without a proxy password. */
    public Accepted(AgentConfig config, String credential) {
      this(config, credential, null);
    }

    @Override
    public String toString() {
      return "Accepted[config=" + config + ", credential=(hidden), proxyPassword="
          + (proxyPassword == null ? "(not set)" : "(hidden)") + "]";
    }
  }

  /** Returns this machine's host name, or {@code localhost} when it has none. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Returns the operating system as name, version and architecture. */
  public static String operatingSystem() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
  }
}

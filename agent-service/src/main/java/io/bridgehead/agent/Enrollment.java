package io.bridgehead.agent;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantConnection;
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
    TenantClient client = TenantClient.create(connection, null, Duration.ofSeconds(1));
    try {
      EnrollResponse response = client.enroll(enrollmentKey, hostName(), roles,
          AgentVersion.current(), operatingSystem());
      new FileCredentialStore(dataFolder).save(response.credential());
      AgentConfig config = new AgentConfig(connection.url(),
          connection.fingerprint() == null ? null : connection.fingerprint().hex(),
          connection.caBundle() == null ? null : connection.caBundle().toString(),
          response.agentId(), response.poolName(), List.copyOf(roles));
      config.write(dataFolder);
      log.info("Enrolled as agent {} in pool {} at {}", response.agentId(),
          response.poolName(), connection.url());
      return config;
    } finally {
      client.close();
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

package io.bridgehead.agent;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.jobs.JobLoop;
import io.bridgehead.agent.script.ProcessScriptHost;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One role of the agent, running in the foreground until stopped: loads the enrollment from
 * the data folder and serves the role's jobs.
 */
public final class AgentService {
  /** How long a stopping agent waits for cancelled jobs to report. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final JobLoop loop;

  private AgentService(JobLoop loop) {
    this.loop = loop;
  }

  /**
   * Starts serving {@code role}.
   *
   * @throws io.bridgehead.agent.config.NotEnrolledException when the data folder contains no
   *     enrollment
   * @throws IllegalArgumentException when the agent did not enroll with this role, or the role
   *     takes no jobs yet
   */
  public static AgentService start(Path dataFolder, Role role, AgentSettings settings)
      throws IOException {
    AgentConfig config = AgentConfig.read(dataFolder);
    if (!config.roles().contains(role)) {
      throw new IllegalArgumentException("the agent enrolled with roles " + config.roles()
          + ", not " + role.wireName() + "; enroll again with --role " + role.wireName());
    }
    if (role != Role.AUTOMATION) {
      throw new IllegalArgumentException("the " + role.wireName() + " role ("
          + role.moduleName() + ") takes no jobs yet; run --role automation");
    }
    String credential = new FileCredentialStore(dataFolder).load().orElseThrow(() ->
        new IOException("the credential is missing from " + dataFolder
            + "; enroll the agent again"));
    TenantClient client = TenantClient.create(config.connection(), credential,
        settings.pollWait());
    JobLoop loop = new JobLoop(client, new ProcessScriptHost(), settings, List.of(role),
        config.tenantUrl());
    loop.start();
    return new AgentService(loop);
  }

  public JobLoop loop() {
    return loop;
  }

  /** Stops taking jobs and cancels running ones, waiting up to {@link #STOP_GRACE}. */
  public void stop() {
    loop.stop(STOP_GRACE);
  }

  /**
   * Blocks until the service stops.
   *
   * @return null after a normal stop, or why the agent stopped by itself
   */
  public String awaitStop() throws InterruptedException {
    return loop.awaitStop();
  }
}

package io.bridgehead.installer.update;

import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.UpdateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends how an update ended to the tenant, as the agent of the first enrolled role. The
 * services' account writes the agent's files that it reads, so each is checked first with
 * {@link SharedFiles#checkWrittenByFolderOwner}: root must not send another file as the
 * credential. A report
 * that cannot be sent is logged and not retried: the tenant then learns the version from the
 * service's heartbeat, or times the rollout out.
 */
final class TenantReporter {
  private static final Duration POLL_WAIT = Duration.ofSeconds(30);

  private final InstalledServices services;
  private final UpdaterLog log;

  TenantReporter(InstalledServices services, UpdaterLog log) {
    this.services = services;
    this.log = log;
  }

  void report(UpdateReport report) {
    Optional<Path> data = enrolledData();
    if (data.isEmpty()) {
      log.line("No enrolled data folder found, so the outcome " + report.outcome()
          + " of the update to " + report.version() + " is not reported to the tenant");
      return;
    }
    TenantClient client = null;
    try {
      for (String name : List.of(AgentConfig.FILE_NAME, FileCredentialStore.FILE_NAME,
          FileCredentialStore.PROXY_PASSWORD_FILE_NAME)) {
        Path file = data.get().resolve(name);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          SharedFiles.checkWrittenByFolderOwner(file);
        }
      }
      AgentConfig config = AgentConfig.read(data.get());
      String credential = new FileCredentialStore(data.get()).load().orElseThrow(() ->
          new IOException("the credential is missing from " + data.get()));
      client = TenantClient.createWithoutInstance(config.connection(data.get()), credential,
          POLL_WAIT);
      client.reportUpdate(report);
      log.line("Reported to the tenant that the update to " + report.version() + " ended "
          + report.outcome());
    } catch (IOException | RuntimeException e) {
      log.line("Failed to report the outcome of the update to " + report.version()
          + " to the tenant: " + e.getMessage());
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  private Optional<Path> enrolledData() {
    for (Role role : services.roles()) {
      Path data = services.layout().roleData(role);
      if (Files.exists(data.resolve(AgentConfig.FILE_NAME))) {
        return Optional.of(data);
      }
    }
    return Optional.empty();
  }
}

package io.bridgehead.agent.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.wire.Json;
import io.bridgehead.wire.Role;
import io.bridgehead.wire.tls.CertificateFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent's enrollment, stored as {@code agent.json} in its data folder. It contains no
 * secret: the credential lives apart, in the {@link CredentialStore}.
 *
 * @param tenantUrl the tenant's base URL
 * @param fingerprint the pinned certificate fingerprint, or null
 * @param caBundle a PEM file of extra trusted CAs, or null
 * @param agentId the tenant's id for this agent
 * @param pool the pool the agent joined
 * @param roles the roles the agent enrolled with
 */
public record AgentConfig(
    String tenantUrl,
    String fingerprint,
    String caBundle,
    String agentId,
    String pool,
    List<Role> roles) {

  public static final String FILE_NAME = "agent.json";

  public TenantConnection connection() {
    return new TenantConnection(tenantUrl,
        fingerprint == null ? null : CertificateFingerprint.parse(fingerprint),
        caBundle == null ? null : Path.of(caBundle));
  }

  /** Writes the configuration atomically. */
  public void write(Path dataFolder) throws IOException {
    ObjectMapper mapper = Json.mapper();
    AtomicFiles.write(dataFolder.resolve(FILE_NAME),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(this), false);
  }

  /**
   * Reads the configuration.
   *
   * @throws NotEnrolledException when the data folder contains no enrollment
   */
  public static AgentConfig read(Path dataFolder) throws IOException {
    try {
      return Json.mapper().readValue(Files.readAllBytes(dataFolder.resolve(FILE_NAME)),
          AgentConfig.class);
    } catch (NoSuchFileException e) {
      throw new NotEnrolledException(dataFolder);
    }
  }
}

package io.bridgehead.agent.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.bridgehead.agent.proxy.ProxyEnvironment;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
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
 * secret: the credential and the proxy password live apart, each in a
 * {@link FileCredentialStore}.
 *
 * @param tenantUrl the tenant's base URL
 * @param fingerprint the pinned certificate fingerprint, or null
 * @param caBundle a PEM file of extra trusted CAs, or null
 * @param agentId the tenant's id for this agent
 * @param pool the pool the agent joined
 * @param roles the roles the agent enrolled with
 * @param proxy how the agent reaches the tenant; missing from the file (null) means
 *     {@link ProxySettings#system()}
 */
public record AgentConfig(
    String tenantUrl,
    String fingerprint,
    String caBundle,
    String agentId,
    String pool,
    List<Role> roles,
    ProxySettings proxy) {

  public static final String FILE_NAME = "agent.json";

  public AgentConfig {
    proxy = proxy == null ? ProxySettings.system() : proxy;
  }

  /** Makes a configuration with the default proxy settings, {@link ProxySettings#system()}. */
  public AgentConfig(String tenantUrl, String fingerprint, String caBundle, String agentId,
      String pool, List<Role> roles) {
    this(tenantUrl, fingerprint, caBundle, agentId, pool, roles, ProxySettings.system());
  }

  /** Returns this configuration with other proxy settings. */
  public AgentConfig withProxy(ProxySettings newProxy) {
    return new AgentConfig(tenantUrl, fingerprint, caBundle, agentId, pool, roles, newProxy);
  }

  /**
   * Returns how to reach the tenant: its URL, trust and proxy, with the proxy password read
   * from {@code dataFolder} and the proxy variables from this process's environment.
   *
   * @throws IOException when the proxy password file cannot be read
   */
  public TenantConnection connection(Path dataFolder) throws IOException {
    return connection(dataFolder, ProxyEnvironment.system());
  }

  /** Returns how to reach the tenant, with the proxy variables of {@code environment}. */
  public TenantConnection connection(Path dataFolder, ProxyEnvironment environment)
      throws IOException {
    String password = FileCredentialStore.proxyPassword(dataFolder).load().orElse(null);
    return new TenantConnection(tenantUrl,
        fingerprint == null ? null : CertificateFingerprint.parse(fingerprint),
        caBundle == null ? null : Path.of(caBundle),
        TenantProxy.of(proxy, password, environment));
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
    Path file = dataFolder.resolve(FILE_NAME);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NotEnrolledException(dataFolder);
    }
    try {
      return Json.mapper().readValue(content, AgentConfig.class);
    } catch (ValueInstantiationException e) {
      // A setting failed its check, for example an invalid proxy URL edited in by hand.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("invalid " + file + ": " + cause.getMessage()
          + "; fix the file, or enroll the agent again", e);
    }
  }
}

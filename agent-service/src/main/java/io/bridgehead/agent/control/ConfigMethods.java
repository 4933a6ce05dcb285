package io.bridgehead.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.DurationText;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.config.SizeText;
import io.bridgehead.agent.config.StoredSettings;
import io.bridgehead.agent.jobs.AgentSettings;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.tenant.TenantClient;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.ipc.ErrorCodes;
import io.bridgehead.ipc.RpcException;
import io.bridgehead.wire.tls.CertificateFingerprint;
import io.bridgehead.wire.tls.TenantTrust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code config.get} and {@code config.set}. A change is validated, stored atomically
 * (connection and proxy keys in {@code agent.json}, the proxy password in its 0600 file,
 * limits in {@code settings.json}) and then applied by restarting the job loop; an invalid
 * value changes nothing. The proxy password is never returned: {@code config.get} shows it as
 * {@value #PASSWORD_SET} or {@value #PASSWORD_NOT_SET}.
 */
final class ConfigMethods {
  static final String TENANT_URL = "tenantUrl";
  static final String FINGERPRINT = "fingerprint";
  static final String CA_BUNDLE = "caBundle";
  static final String MAX_CONCURRENT_JOBS = "maxConcurrentJobs";
  static final String POLL_WAIT = "pollWait";
  static final String RETRY_INITIAL = "retryInitial";
  static final String RETRY_CAP = "retryCap";
  /** The largest release package the service downloads, in bytes. */
  static final String MAX_PACKAGE_SIZE = "maxPackageSize";
  /** {@code none}, {@code system} or a proxy URL {@code http://HOST:PORT}. */
  static final String PROXY = "proxy";
  /** The proxy user for Basic authentication; empty text clears it. */
  static final String PROXY_USER = "proxyUser";
  /** The proxy password: set only, never returned; empty text clears it. */
  static final String PROXY_PASSWORD = "proxyPassword";
  static final String PASSWORD_SET = "set";
  static final String PASSWORD_NOT_SET = "not set";
  static final List<String> KEYS = List.of(TENANT_URL, FINGERPRINT, CA_BUNDLE,
      MAX_CONCURRENT_JOBS, POLL_WAIT, RETRY_INITIAL, RETRY_CAP, MAX_PACKAGE_SIZE, PROXY,
      PROXY_USER, PROXY_PASSWORD);

  private static final Logger log = LoggerFactory.getLogger(ConfigMethods.class);

  private final ServiceControl service;
  private final ServiceStatus status;

  ConfigMethods(ServiceControl service, ServiceStatus status) {
    this.service = service;
    this.status = status;
  }

  JsonNode get() {
    return toJson(service.config(), service.settings(), passwordState());
  }

  /** Validates, stores and applies one key; the caller serializes changes. */
  JsonNode set(ObjectNode params) throws RpcException {
    String key = Params.text(params, "key");
    JsonNode rawValue = params.get("value");
    if (rawValue == null || rawValue.isNull() || rawValue.isContainerNode()) {
      throw RpcException.invalidParams("parameter 'value' is missing or not text; give the"
          + " new value of '" + key + "' as text, or empty text to clear it");
    }
    if (key.equals(PROXY_PASSWORD)) {
      // Not trimmed: a password may begin or end with a space.
      return setPassword(rawValue.asText());
    }
    String value = rawValue.asText().trim();
    AgentConfig config = service.config();
    AgentSettings settings = service.settings();
    ObjectNode before = toJson(config, settings, passwordState());
    if (!before.has(key)) {
      throw RpcException.invalidParams("unknown configuration key '" + key + "'; use one of "
          + String.join(", ", KEYS));
    }
    AgentConfig newConfig = config;
    AgentSettings newSettings = settings;
    try {
      switch (key) {
        case TENANT_URL -> newConfig = withConnection(config,
            TenantConnection.validateUrl(value), config.fingerprint(), config.caBundle());
        case FINGERPRINT -> newConfig = withConnection(config, config.tenantUrl(),
            value.isEmpty() ? null : CertificateFingerprint.parse(value).hex(),
            config.caBundle());
        case CA_BUNDLE -> newConfig = withConnection(config, config.tenantUrl(),
            config.fingerprint(), value.isEmpty() ? null : caBundle(value));
        case MAX_CONCURRENT_JOBS -> newSettings = settings.withMaxConcurrentJobs(
            parseInteger(key, value));
        case POLL_WAIT -> newSettings = settings.withPollWait(DurationText.parse(value));
        case RETRY_INITIAL -> newSettings = settings.withRetry(DurationText.parse(value),
            settings.retryCap());
        case MAX_PACKAGE_SIZE -> newSettings = settings.withMaxPackageSize(
            SizeText.parse(value));
        case PROXY -> newConfig = config.withProxy(ProxySettings.parse(value,
            config.proxy().username()));
        case PROXY_USER -> newConfig = config.withProxy(config.proxy().withUsername(value));
        default -> newSettings = settings.withRetry(settings.retryInitial(),
            DurationText.parse(value));
      }
      StoredSettings.validate(newSettings);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("invalid value for '" + key + "': " + e.getMessage());
    }
    if (newConfig != config) {
      checkTrust(newConfig);
    }
    store(key, newConfig, newSettings, config);
    apply(key, newConfig, newSettings);
    ObjectNode after = toJson(newConfig, newSettings, passwordState());
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("key", key);
    result.set("value", after.get(key));
    result.set("previous", before.get(key));
    return result;
  }

  /** Stores or, for empty text, removes the proxy password, then applies it. */
  private JsonNode setPassword(String password) throws RpcException {
    String before = passwordState();
    Path data = service.dataFolder();
    try {
      FileCredentialStore store = FileCredentialStore.proxyPassword(data);
      if (password.isEmpty()) {
        store.delete();
      } else {
        store.save(password);
      }
    } catch (IOException e) {
      log.error("Storing the proxy password in {} failed", data, e);
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "storing the proxy password in " + data
          + " failed: " + e.getMessage() + "; check the folder's free space and"
          + " permissions");
    }
    apply(PROXY_PASSWORD, service.config(), service.settings());
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("key", PROXY_PASSWORD);
    result.put("value", password.isEmpty() ? PASSWORD_NOT_SET : PASSWORD_SET);
    result.put("previous", before);
    return result;
  }

  /** Returns whether a proxy password is stored, without reading it into the response. */
  private String passwordState() {
    try {
      return FileCredentialStore.proxyPassword(service.dataFolder()).load().isPresent()
          ? PASSWORD_SET : PASSWORD_NOT_SET;
    } catch (IOException e) {
      log.warn("Cannot read the proxy password file in {}: {}", service.dataFolder(),
          e.toString());
      return "unreadable: " + e.getMessage();
    }
  }

  private void store(String key, AgentConfig newConfig, AgentSettings newSettings,
      AgentConfig config) throws RpcException {
    Path data = service.dataFolder();
    try {
      if (newConfig != config) {
        newConfig.write(data);
      } else {
        StoredSettings stored = StoredSettings.read(data);
        stored = switch (key) {
          case MAX_CONCURRENT_JOBS -> new StoredSettings(newSettings.maxConcurrentJobs(),
              stored.pollWait(), stored.retryInitial(), stored.retryCap(),
              stored.maxPackageSize());
          case POLL_WAIT -> new StoredSettings(stored.maxConcurrentJobs(),
              newSettings.pollWait(), stored.retryInitial(), stored.retryCap(),
              stored.maxPackageSize());
          case MAX_PACKAGE_SIZE -> new StoredSettings(stored.maxConcurrentJobs(),
              stored.pollWait(), stored.retryInitial(), stored.retryCap(),
              newSettings.maxPackageSize());
          default -> new StoredSettings(stored.maxConcurrentJobs(), stored.pollWait(),
              newSettings.retryInitial(), newSettings.retryCap(), stored.maxPackageSize());
        };
        stored.write(data);
      }
    } catch (IOException e) {
      log.error("Storing configuration key {} in {} failed", key, data, e);
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "storing '" + key + "' in " + data
          + " failed: " + e.getMessage() + "; nothing was changed, check the folder's free"
          + " space and permissions");
    }
  }

  private void apply(String key, AgentConfig newConfig, AgentSettings newSettings)
      throws RpcException {
    log.info("Configuration key {} changed; restarting the job loop", key);
    try {
      service.restart(newConfig, newSettings, "configuration key " + key + " changed");
    } catch (IOException e) {
      log.error("Applying configuration key {} failed; the job loop runs with the previous"
          + " values", key, e);
      throw new RpcException(ErrorCodes.INTERNAL_ERROR, "'" + key + "' was stored, but"
          + " restarting the job loop with it failed: " + e.getMessage() + "; the loop runs"
          + " with the previous values until the service restarts");
    }
    status.changed("config", "configuration key " + key + " changed");
  }

  /**
   * Checks that the tenant can be trusted with the new settings: they must make a valid trust
   * setup, and a reachable tenant must pass the TLS handshake with them. An unreachable tenant
   * does not block the change, since it may be down for the very reason of the change.
   */
  private void checkTrust(AgentConfig config) throws RpcException {
    TenantClient client;
    try {
      TenantConnection connection = config.connection(service.dataFolder());
      TenantTrust.create(connection.fingerprint(), connection.caBundle());
      client = TenantClient.create(connection, null, Duration.ofSeconds(1));
    } catch (IOException | RuntimeException e) {
      throw RpcException.invalidParams("cannot trust the tenant with these settings: "
          + e.getMessage());
    }
    try {
      client.checkTrust();
    } catch (SSLException e) {
      throw RpcException.invalidParams("the tenant at " + config.tenantUrl() + " is not"
          + " trusted with these settings: " + e.getMessage() + "; for a self-signed tenant"
          + " set its fingerprint, or set a CA bundle that signed its certificate");
    } catch (IOException e) {
      log.warn("Could not reach the tenant at {} to check its certificate: {}",
          config.tenantUrl(), e.toString());
    } finally {
      client.close();
    }
  }

  private static String caBundle(String value) {
    Path path;
    try {
      path = Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + value + "' is not a valid path");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("CA bundle " + path + " not found or not readable by"
          + " the service; give the path of a PEM file the service account can read");
    }
    return path.toString();
  }

  private static int parseInteger(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number; use "
          + StoredSettings.MIN_JOBS + " to " + StoredSettings.MAX_JOBS);
    }
  }

  private static AgentConfig withConnection(AgentConfig config, String url, String fingerprint,
      String caBundle) {
    return new AgentConfig(url, fingerprint, caBundle, config.agentId(), config.pool(),
        config.roles(), config.proxy());
  }

  private static ObjectNode toJson(AgentConfig config, AgentSettings settings,
      String passwordState) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put(TENANT_URL, config.tenantUrl());
    json.put(FINGERPRINT, config.fingerprint());
    json.put(CA_BUNDLE, config.caBundle());
    json.put(MAX_CONCURRENT_JOBS, settings.maxConcurrentJobs());
    json.put(POLL_WAIT, format(settings.pollWait()));
    json.put(RETRY_INITIAL, format(settings.retryInitial()));
    json.put(RETRY_CAP, format(settings.retryCap()));
    json.put(MAX_PACKAGE_SIZE, SizeText.format(settings.maxPackageSize()));
    json.put(PROXY, config.proxy().option());
    json.put(PROXY_USER, config.proxy().username());
    json.put(PROXY_PASSWORD, passwordState);
    return json;
  }

  private static String format(Duration duration) {
    return DurationText.format(duration);
  }
}

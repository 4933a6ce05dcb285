package io.bridgehead.installer.steps;

import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.AtomicFiles;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.proxy.ProxyEnvironment;
import io.bridgehead.agent.proxy.ProxySettings;
import io.bridgehead.agent.proxy.TenantProxy;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.plan.StepFailedException;
import io.bridgehead.installer.record.ProxyChoice;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Enrolls each module into its data folder with the agent-service's own enrollment code. A
 * data folder that is enrolled already keeps its enrollment, so a reinstall keeps configuration
 * and credentials and does not use an enrollment key, but a reinstall with {@code --proxy}
 * writes the new proxy into it. Enrollment goes through the chosen
 * proxy, which is stored in each data folder's configuration with its password in a file of
 * its own (mode 0600), so that the service uses the same proxy.
 */
final class EnrollModules implements Step {
  /** The exit code for "the tenant rejected the key". */
  static final int REJECTED = 3;
  /** The exit code for "the tenant is unreachable or not trusted". */
  static final int UNREACHABLE = 4;
  static final String CA_BUNDLE_FILE = "ca-bundle.pem";
  static final String CLONE_WARNING = "Warning: do not make an image of this machine, or clone"
      + " it, now that the agent is enrolled. A copy would present the same credential, the"
      + " tenant would take both for clones and tell them to enroll again. Install on each"
      + " machine instead.";

  private final InstallContext context;
  private final List<Path> createdFiles = new ArrayList<>();
  private final List<AgentConfig> enrolled = new ArrayList<>();
  /** The earlier content of each file a reinstall's proxy change replaced, or null. */
  private final Map<Path, byte[]> replacedFiles = new LinkedHashMap<>();

  EnrollModules(InstallContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    EnrollmentSettings enrollment = context.settings().enrollment();
    return enrollment == null ? "Keep the existing enrollment"
        : "Enroll with the tenant at " + enrollment.tenantUrl();
  }

  @Override
  public void run() throws StepFailedException, IOException {
    for (Role role : context.settings().modules()) {
      Path data = context.layout().roleData(role);
      if (Files.exists(data.resolve(AgentConfig.FILE_NAME))) {
        AgentConfig config = AgentConfig.read(data);
        context.note("The " + role.wireName() + " module is enrolled already as agent "
            + config.agentId() + " in pool " + config.pool() + "; keeping its configuration and"
            + " credential in " + data + ".");
        if (context.settings().proxyGiven()) {
          applyProxy(data, config);
        } else {
          context.note("No --proxy given, so the " + role.wireName() + " module keeps the"
              + " proxy setting in " + data.resolve(AgentConfig.FILE_NAME) + "; give --proxy"
              + " to change it.");
        }
        continue;
      }
      enroll(role, data);
    }
    if (!enrolled.isEmpty()) {
      context.note(CLONE_WARNING);
    }
  }

  private void enroll(Role role, Path data) throws StepFailedException, IOException {
    EnrollmentSettings enrollment = context.settings().enrollment();
    if (enrollment == null) {
      throw new StepFailedException(2, "the data folder " + data + " is not enrolled; give"
          + " --enrollment-string-file or --tenant with an enrollment key");
    }
    Path caBundle = null;
    if (enrollment.caBundle() != null) {
      caBundle = data.resolve(CA_BUNDLE_FILE);
      created(caBundle);
      Files.copy(enrollment.caBundle(), caBundle, StandardCopyOption.REPLACE_EXISTING);
    }
    TenantConnection connection = new TenantConnection(enrollment.tenantUrl(),
        enrollment.fingerprint(), caBundle, proxy());
    Enrollment.Accepted accepted = request(connection, enrollment.key(), role);
    created(data.resolve(FileCredentialStore.FILE_NAME));
    if (accepted.proxyPassword() != null) {
      created(data.resolve(FileCredentialStore.PROXY_PASSWORD_FILE_NAME));
    }
    created(data.resolve(AgentConfig.FILE_NAME));
    Enrollment.store(accepted, data);
    enrolled.add(accepted.config());
    context.ownership().userAndGroup(data);
    context.note("Enrolled the " + role.wireName() + " module as agent "
        + accepted.config().agentId() + " in pool " + accepted.config().pool() + ".");
  }

  /**
   * Writes the proxy given on the command line into an enrolled data folder's configuration,
   * and stores its password there, or deletes the stored one when no password was given.
   */
  private void applyProxy(Path data, AgentConfig config) throws StepFailedException,
      IOException {
    ProxySettings settings = proxySettings();
    char[] password = context.settings().proxyPassword();
    Path passwordFile = data.resolve(FileCredentialStore.PROXY_PASSWORD_FILE_NAME);
    remember(data.resolve(AgentConfig.FILE_NAME));
    remember(passwordFile);
    config.withProxy(settings).write(data);
    if (password != null) {
      created(passwordFile);
      FileCredentialStore.proxyPassword(data).save(new String(password));
    } else {
      Files.deleteIfExists(passwordFile);
    }
    context.ownership().userAndGroup(data);
  }

  /** Keeps a file's content, or its absence, the first time, so that undo restores it. */
  private void remember(Path file) throws IOException {
    if (!replacedFiles.containsKey(file)) {
      replacedFiles.put(file, Files.exists(file) ? Files.readAllBytes(file) : null);
    }
  }

  /** Returns the proxy chosen at install time, with its password. */
  private TenantProxy proxy() throws StepFailedException {
    char[] password = context.settings().proxyPassword();
    try {
      return TenantProxy.of(proxySettings(), password == null ? null : new String(password),
          ProxyEnvironment.system());
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(2, "invalid proxy settings: " + e.getMessage(), e);
    }
  }

  private ProxySettings proxySettings() throws StepFailedException {
    ProxyChoice choice = context.settings().proxy();
    try {
      return ProxySettings.parse(
          choice.mode().equals("explicit") ? choice.url() : choice.mode(), choice.username());
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(2, "invalid proxy settings: " + e.getMessage(), e);
    }
  }

  private Enrollment.Accepted request(TenantConnection connection, String key, Role role)
      throws StepFailedException {
    String url = connection.url();
    try {
      return Enrollment.request(connection, key, List.of(role), context.settings().tags());
    } catch (TenantException e) {
      if (AgentApi.INVALID_ENROLLMENT_KEY.equals(e.code())) {
        // The tenant's message contains the same advice; older tenants' messages do not.
        String hint = e.getMessage() != null && e.getMessage().contains("make a new key") ? ""
            : "; make a new key for the pool on the tenant";
        throw new StepFailedException(REJECTED, "the tenant at " + url + " rejected the"
            + " enrollment key: " + e.getMessage() + hint, e);
      }
      throw new StepFailedException(REJECTED, "the tenant at " + url + " rejected the"
          + " enrollment: " + e.getMessage(), e);
    } catch (SSLException e) {
      throw new StepFailedException(UNREACHABLE, "cannot establish a trusted TLS connection to "
          + url + ": " + e.getMessage() + "; for a self-signed tenant give --fingerprint with"
          + " the fingerprint the tenant printed at start, or --ca-bundle", e);
    } catch (IOException e) {
      throw new StepFailedException(UNREACHABLE, "cannot reach the tenant at " + url + ": "
          + e.getMessage() + "; check the URL, the network and the proxy, and that the"
          + " tenant is running", e);
    }
  }

  /** Records a file this step is about to create, so that undo removes even a partial one. */
  private void created(Path file) {
    if (!Files.exists(file)) {
      createdFiles.add(file);
      context.journal().file(file);
    }
  }

  @Override
  public void undo() throws IOException {
    for (int i = createdFiles.size() - 1; i >= 0; i--) {
      FileTrees.delete(createdFiles.get(i));
      context.journal().forget(createdFiles.get(i));
    }
    createdFiles.clear();
    for (Map.Entry<Path, byte[]> replaced : replacedFiles.entrySet()) {
      Path file = replaced.getKey();
      if (replaced.getValue() != null) {
        boolean secret = file.getFileName().toString()
            .equals(FileCredentialStore.PROXY_PASSWORD_FILE_NAME);
        AtomicFiles.write(file, replaced.getValue(), secret);
        context.ownership().userAndGroup(file.getParent());
      }
    }
    replacedFiles.clear();
    for (AgentConfig config : enrolled) {
      context.note("Agent " + config.agentId() + " stays registered in pool " + config.pool()
          + " on the tenant; remove it there with 'bridgehead tenant agent remove "
          + config.agentId() + "'.");
    }
    enrolled.clear();
  }
}

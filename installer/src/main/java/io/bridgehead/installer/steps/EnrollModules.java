package io.bridgehead.installer.steps;

import io.bridgehead.agent.Enrollment;
import io.bridgehead.agent.config.AgentConfig;
import io.bridgehead.agent.config.FileCredentialStore;
import io.bridgehead.agent.tenant.TenantConnection;
import io.bridgehead.agent.tenant.TenantException;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.plan.StepFailedException;
import io.bridgehead.wire.AgentApi;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Enrolls each module into its data folder with the agent-service's own enrollment code. A
 * data folder that is enrolled already is kept as it is, so a reinstall keeps configuration
 * and credentials and does not use an enrollment key.
 *
 * <p>TODO: apply the proxy choice. This version of agent-service has no proxy settings, so
 * the choice is recorded in {@code install.json} only, and enrollment and the services
 * connect directly. The proxy work adds {@code io.bridgehead.agent.proxy.ProxySettings}, a
 * {@code proxy} field in {@link AgentConfig} ({@code withProxy}) and a {@code proxy-password}
 * file in the credential store. With it, this step enrolls through the chosen proxy, stores
 * {@code config.withProxy(settings)} and writes the password file (mode 0600) into each data
 * folder, recording it for uninstall.
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
        enrollment.fingerprint(), caBundle);
    Enrollment.Accepted accepted = request(connection, enrollment.key(), role);
    created(data.resolve(FileCredentialStore.FILE_NAME));
    created(data.resolve(AgentConfig.FILE_NAME));
    Enrollment.store(accepted, data);
    enrolled.add(accepted.config());
    context.ownership().userAndGroup(data);
    context.note("Enrolled the " + role.wireName() + " module as agent "
        + accepted.config().agentId() + " in pool " + accepted.config().pool() + ".");
  }

  private Enrollment.Accepted request(TenantConnection connection, String key, Role role)
      throws StepFailedException {
    String url = connection.url();
    try {
      return Enrollment.request(connection, key, List.of(role), context.settings().tags());
    } catch (TenantException e) {
      if (AgentApi.INVALID_ENROLLMENT_KEY.equals(e.code())) {
        throw new StepFailedException(REJECTED, "the tenant at " + url + " rejected the"
            + " enrollment key: " + e.getMessage() + "; make a new key for the pool on the"
            + " tenant", e);
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
    for (AgentConfig config : enrolled) {
      context.note("Agent " + config.agentId() + " stays registered in pool " + config.pool()
          + " on the tenant; remove it there with 'bridgehead tenant agent remove "
          + config.agentId() + "'.");
    }
    enrolled.clear();
  }
}

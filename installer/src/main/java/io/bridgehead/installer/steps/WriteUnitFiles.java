package io.bridgehead.installer.steps;

import io.bridgehead.installer.linux.SystemdUnit;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.plan.StepFailedException;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a systemd unit file per module. An installation into a folder writes them too, with
 * its own paths, so they can be checked, but no systemd reads them.
 */
public final class WriteUnitFiles implements Step {
  private final InstallContext context;
  private final WrittenFiles files;

  public WriteUnitFiles(InstallContext context) {
    this.context = context;
    this.files = new WrittenFiles(context.journal());
  }

  @Override
  public String description() {
    return "Write the systemd unit files to " + context.layout().unitDir();
  }

  @Override
  public void run() throws IOException, StepFailedException {
    Map<String, String> proxyVariables;
    try {
      proxyVariables = ProxyVariables.forService(context.settings().proxy(), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(2, e.getMessage());
    }
    for (Role role : context.settings().modules()) {
      SystemdUnit unit = new SystemdUnit("Bridgehead " + role.wireName() + " service ("
          + role.moduleName() + ")", context.settings().serviceAccount(),
          ServiceDefinitions.command(context, role, "systemd"),
          context.layout().roleData(role), proxyVariables);
      files.write(context.layout().unitFile(role), unit.render(), "rw-r--r--");
    }
  }

  @Override
  public void undo() throws IOException {
    files.undo();
  }
}

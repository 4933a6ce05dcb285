package io.bridgehead.installer.steps;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.linux.Commands;
import io.bridgehead.installer.linux.SystemdUnit;
import io.bridgehead.installer.linux.UpdaterUnits;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.plan.StepFailedException;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a systemd unit file per module, and the updater's path and service units. An
 * installation into a folder writes them too, with its own paths, so they can be checked, but
 * no systemd reads them.
 */
public final class WriteUnitFiles implements Step {
  private final InstallContext context;
  private final WrittenFiles files;
  private boolean pathUnitEnabled;

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
    writeUpdaterUnits();
  }

  /**
   * Writes the units that start the updater, and for systemd enables and starts the path unit
   * at once so that the first update request is seen without a reboot.
   */
  private void writeUpdaterUnits() throws IOException {
    InstallLayout layout = context.layout();
    UpdaterUnits units = new UpdaterUnits(layout.currentProgram(), layout.dataDir(),
        UpdateFolder.of(layout.dataDir()).request());
    files.write(layout.unitDir().resolve(UpdaterUnits.SERVICE_UNIT), units.renderService(),
        "rw-r--r--");
    files.write(layout.unitDir().resolve(UpdaterUnits.PATH_UNIT), units.renderPath(),
        "rw-r--r--");
    if (context.serviceManagerName().equals("systemd")) {
      // NOTE: never run; the test machine does not boot systemd.
      Commands.check(List.of("systemctl", "daemon-reload"));
      Commands.check(List.of("systemctl", "enable", "--now", UpdaterUnits.PATH_UNIT));
      pathUnitEnabled = true;
      context.journal().service(UpdaterUnits.PATH_UNIT);
    }
  }

  @Override
  public void undo() throws IOException {
    if (pathUnitEnabled) {
      // A path unit that an earlier install enabled stays enabled, because undo keeps that
      // installation.
      boolean earlier = context.previous() != null
          && context.previous().services().contains(UpdaterUnits.PATH_UNIT);
      if (!earlier) {
        Commands.check(List.of("systemctl", "disable", "--now", UpdaterUnits.PATH_UNIT));
        context.journal().forgetService(UpdaterUnits.PATH_UNIT);
      }
      pathUnitEnabled = false;
    }
    files.undo();
  }
}

package io.bridgehead.installer.steps;

import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.services.ServiceState;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops the running services of the installation a reinstall replaces, so no service runs
 * from program files while they are replaced. Undo starts them again.
 */
final class StopServices implements Step {
  private final InstallContext context;
  private final List<Role> stopped = new ArrayList<>();

  StopServices(InstallContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Stop the running services";
  }

  @Override
  public void run() throws IOException {
    for (Role role : context.settings().modules()) {
      String name = context.layout().serviceName(role);
      ServiceState state = context.services().state(name);
      if (state == ServiceState.RUNNING || state == ServiceState.STARTING) {
        context.services().stop(name, StartServices.STOP_TIMEOUT);
        stopped.add(role);
        context.note("Stopped the " + name + " service.");
      }
    }
  }

  @Override
  public void undo() throws IOException {
    List<String> failures = new ArrayList<>();
    for (int i = stopped.size() - 1; i >= 0; i--) {
      Role role = stopped.get(i);
      String name = context.layout().serviceName(role);
      try {
        // Registering again makes systemd read the unit file that undo restored.
        context.services().register(ServiceDefinitions.of(context, role));
        context.services().start(name);
        stopped.remove(i);
      } catch (IOException e) {
        failures.add("the service " + name + " is stopped (" + e.getMessage() + ")");
      }
    }
    if (!failures.isEmpty()) {
      throw new IOException(String.join("; ", failures));
    }
  }
}

package io.bridgehead.installer.repair;

import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.services.ServiceState;
import io.bridgehead.wire.Role;
import java.io.IOException;

/**
 * Stops and unregisters each recorded service, so that none runs from the program files while
 * they are replaced. A service that is missing or stopped already is fine.
 */
final class UnregisterServices implements Step {
  private final RepairContext context;

  UnregisterServices(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Stop and unregister the services";
  }

  @Override
  public void run() throws IOException {
    for (Role role : context.roles) {
      String name = context.layout.serviceName(role);
      ServiceState state = context.services.state(name);
      if (state == ServiceState.NOT_INSTALLED) {
        context.note("The " + name + " service is not registered.");
        continue;
      }
      context.services.unregister(name);
      context.note("Unregistered the " + name + " service (it was " + state + ").");
    }
  }

  /**
   * Does nothing: the services stay unregistered, because the program files they would run
   * are what the repair could not restore. Running repair again registers them.
   */
  @Override
  public void undo() {}
}

package io.bridgehead.installer.repair;

import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.services.ServiceDefinition;
import io.bridgehead.installer.steps.InstallContext;
import io.bridgehead.installer.steps.ServiceDefinitions;
import io.bridgehead.wire.Role;
import java.io.IOException;

/** Registers each recorded service again, with the definition install gives it. */
final class RegisterServices implements Step {
  private final RepairContext context;

  RegisterServices(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Register the services";
  }

  @Override
  public void run() throws IOException {
    InstallContext install = context.installContext();
    for (Role role : context.roles) {
      ServiceDefinition definition = ServiceDefinitions.of(install, role);
      context.services.register(definition);
      context.note("Registered the " + definition.name() + " service.");
    }
  }

  /** Does nothing: registered services are what repair is for, even when a start fails. */
  @Override
  public void undo() {}
}

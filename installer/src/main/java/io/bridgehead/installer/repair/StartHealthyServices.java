package io.bridgehead.installer.repair;

import io.bridgehead.installer.health.HealthVerdict;
import io.bridgehead.installer.health.ServiceHealth;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.services.ServiceState;
import io.bridgehead.wire.Role;
import java.io.IOException;

/**
 * Starts each service and waits until it is healthy: it runs the restored version and has
 * reached the tenant since it started.
 */
final class StartHealthyServices implements Step {
  private final RepairContext context;

  StartHealthyServices(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Start the services and wait until they are healthy";
  }

  @Override
  public void run() throws IOException {
    String version = context.source().version();
    for (Role role : context.roles) {
      String name = context.layout.serviceName(role);
      context.services.start(name);
      HealthVerdict verdict;
      try {
        verdict = ServiceHealth.await(context.layout.runDir(), role, version,
            context.healthTimeout, () -> alive(name));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the service " + name, e);
      }
      if (!verdict.healthy()) {
        throw new IOException("the service " + name + " is not healthy: " + verdict.detail()
            + "; see " + context.layout.logDir().resolve("agent-" + role.wireName() + ".log"));
      }
      context.note("The " + name + " service is healthy: " + verdict.detail() + ".");
    }
  }

  private boolean alive(String name) {
    try {
      ServiceState state = context.services.state(name);
      return state == ServiceState.RUNNING || state == ServiceState.STARTING;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Does nothing: a service that is not healthy yet keeps running, because it may only be
   * waiting for the tenant, and stopping it would not repair anything.
   */
  @Override
  public void undo() {}
}

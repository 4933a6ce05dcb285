package io.bridgehead.installer.steps;

import io.bridgehead.installer.linux.ServiceUser;
import io.bridgehead.installer.plan.Step;
import java.io.IOException;

/** Creates the Linux system user the services run as, when it does not exist yet. */
final class CreateServiceUser implements Step {
  private final InstallContext context;
  private boolean created;

  CreateServiceUser(InstallContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Create the service user " + context.settings().serviceAccount();
  }

  @Override
  public void run() throws IOException {
    String name = context.settings().serviceAccount();
    if (ServiceUser.exists(name)) {
      context.note("The user " + name + " exists; the services run as it.");
      return;
    }
    ServiceUser.create(name);
    created = true;
    context.journal().user(name);
  }

  @Override
  public void undo() throws IOException {
    if (!created) {
      return;
    }
    String name = context.settings().serviceAccount();
    try {
      ServiceUser.remove(name);
    } catch (IOException e) {
      throw new IOException("the user " + name + " (remove it with 'userdel " + name + "'): "
          + e.getMessage(), e);
    }
    context.journal().forgetUser(name);
    created = false;
  }
}

package io.bridgehead.installer.repair;

import io.bridgehead.installer.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** The steps of a repair, in order. */
final class RepairPlan {
  private RepairPlan() {}

  /**
   * Returns the steps: stop and unregister the services, choose the source, restore the
   * version folder and {@code current}, write the unit files (Linux), register the services,
   * start them and wait for their health, and record the version.
   */
  static List<Step> steps(RepairContext context) {
    List<Step> steps = new ArrayList<>();
    steps.add(new UnregisterServices(context));
    steps.add(new ChooseSource(context));
    steps.add(new RestoreProgramFiles(context));
    if (!context.layout.windows()) {
      steps.add(new RewriteUnitFiles(context));
    }
    steps.add(new RegisterServices(context));
    steps.add(new StartHealthyServices(context));
    steps.add(new UpdateRecord(context));
    return steps;
  }
}

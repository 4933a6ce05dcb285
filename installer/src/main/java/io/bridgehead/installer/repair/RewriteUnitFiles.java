package io.bridgehead.installer.repair;

import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.plan.StepFailedException;
import io.bridgehead.installer.steps.WriteUnitFiles;
import java.io.IOException;

/**
 * Writes each service's systemd unit file again, with install's own step. That step is made
 * when this one runs, because it needs the version chosen by an earlier step.
 */
final class RewriteUnitFiles implements Step {
  private final RepairContext context;
  private WriteUnitFiles write;

  RewriteUnitFiles(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Write the systemd unit files to " + context.layout.unitDir();
  }

  @Override
  public void run() throws IOException, StepFailedException {
    write = new WriteUnitFiles(context.installContext());
    write.run();
  }

  /** Puts back the unit files as they were before this step. */
  @Override
  public void undo() throws IOException {
    if (write != null) {
      write.undo();
    }
  }
}

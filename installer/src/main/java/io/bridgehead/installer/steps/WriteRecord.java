package io.bridgehead.installer.steps;

import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.record.InstallRecord;
import io.bridgehead.installer.record.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes {@code install.json}, the list of what the installation made, as the last step. */
final class WriteRecord implements Step {
  private final InstallContext context;
  private byte[] earlier;
  private boolean written;

  WriteRecord(InstallContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Write the install record " + context.layout().record();
  }

  @Override
  public void run() throws IOException {
    InstallLayout layout = context.layout();
    Journal journal = context.journal();
    Path file = layout.record();
    earlier = Files.exists(file) ? Files.readAllBytes(file) : null;
    InstallRecord record = new InstallRecord(context.distribution().version(), Instant.now(),
        layout.root() == null ? null : layout.root().toString(), layout.installDir().toString(),
        layout.dataDir().toString(), context.serviceManagerName(), journal.services(),
        journal.users(), journal.files(), journal.links(), journal.folders(),
        journal.parentFolders(), context.settings().proxy());
    written = true;
    record.write(file);
  }

  @Override
  public void undo() throws IOException {
    if (!written) {
      return;
    }
    Path file = context.layout().record();
    if (earlier == null) {
      Files.deleteIfExists(file);
    } else {
      Files.write(file, earlier);
    }
    written = false;
  }
}

package io.bridgehead.installer.repair;

import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.record.InstallRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the restored version in {@code install.json} when it differs from the recorded one,
 * and its folder among the folders that uninstall removes.
 */
final class UpdateRecord implements Step {
  private final RepairContext context;

  UpdateRecord(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Update the install record " + context.layout.record();
  }

  @Override
  public void run() throws IOException {
    InstallRecord record = context.record;
    String version = context.source().version();
    String folder = context.versionDir().toString();
    if (version.equals(record.version()) && record.folders().contains(folder)) {
      context.note("The install record is up to date.");
      return;
    }
    List<String> folders = new ArrayList<>(record.folders());
    if (!folders.contains(folder)) {
      folders.add(folder);
    }
    new InstallRecord(version, record.installedAt(), record.root(), record.installDir(),
        record.dataDir(), record.serviceManager(), record.services(), record.users(),
        record.files(), record.links(), folders, record.parentFolders(), record.proxy())
        .write(context.layout.record());
    context.note("The install record now names version " + version + ".");
  }

  /** Writes the record as it was. */
  @Override
  public void undo() throws IOException {
    context.record.write(context.layout.record());
  }
}

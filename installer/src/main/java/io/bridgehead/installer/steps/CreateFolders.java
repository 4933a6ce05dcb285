package io.bridgehead.installer.steps;

import io.bridgehead.agent.update.UpdateFolder;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.wire.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the data folder, one data folder per module, the update folder and the log folder,
 * each mode 0750. Outside {@code --root}, the data folder belongs to root and the service
 * account's group, so the services can read it but not add to it; the module folders, the
 * update folder and the log folder belong to the service account, which writes them. Folders
 * that exist are left as they are.
 *
 * <p>The module data folders and the update folder are recorded as the installation's own
 * even when they exist, for example after {@code uninstall --keep-data}, so that a later
 * uninstall without {@code --keep-data} removes them. An existing data folder is recorded as a
 * holder, removed only when empty. Undo removes only the folders this run created.
 */
final class CreateFolders implements Step {
  private static final String MODE = "rwxr-x---";

  private final InstallContext context;
  private final CreatedPaths created;

  CreateFolders(InstallContext context) {
    this.context = context;
    this.created = new CreatedPaths(context.journal());
  }

  @Override
  public String description() {
    return "Create the data and log folders";
  }

  @Override
  public void run() throws IOException {
    InstallLayout layout = context.layout();
    if (create(layout.dataDir())) {
      context.ownership().groupOnly(layout.dataDir());
    } else if (!context.journal().containsFolder(layout.dataDir())) {
      context.journal().parentFolder(layout.dataDir());
    }
    for (Role role : context.settings().modules()) {
      if (create(layout.roleData(role))) {
        context.ownership().userAndGroup(layout.roleData(role));
      } else {
        context.journal().folder(layout.roleData(role));
      }
    }
    Path updates = UpdateFolder.of(layout.dataDir()).dir();
    if (create(updates)) {
      context.ownership().userAndGroup(updates);
    } else {
      context.journal().folder(updates);
    }
    if (create(layout.logDir())) {
      context.ownership().userAndGroup(layout.logDir());
    }
    if (layout.inFolder() && layout.runDir() != null) {
      // The folder service manager keeps its pid files here, and the services their sockets.
      create(layout.runDir());
    }
  }

  /**
   * Creates a folder, or adopts it when this install made it earlier (the install log's
   * folder), and returns whether it is the install's to set up.
   */
  private boolean create(Path folder) throws IOException {
    if (created.createFolder(folder, MODE)) {
      return true;
    }
    if (context.journal().containsFolder(folder) && context.previous() == null) {
      if (FileTrees.isPosix(folder)) {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(MODE));
      }
      return true;
    }
    return false;
  }

  @Override
  public void undo() throws IOException {
    created.removeAll();
  }
}

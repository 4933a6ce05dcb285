package io.bridgehead.installer.steps;

import io.bridgehead.installer.distribution.Distribution;
import io.bridgehead.installer.distribution.VersionFiles;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.layout.CurrentPointer;
import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies the program files into {@code versions/<version>} and points {@code current} at
 * them. The files are copied into a hidden folder first and renamed into place, so a version
 * folder is never half written. A reinstall of the same version moves the old folder aside
 * until the install has finished, so undo can put it back.
 */
final class CopyProgramFiles implements Step {
  private final InstallContext context;
  private final CreatedPaths created;
  private Path movedAside;
  private boolean versionCreated;
  private Path previousTarget;
  private boolean pointerChanged;

  CopyProgramFiles(InstallContext context) {
    this.context = context;
    this.created = new CreatedPaths(context.journal());
  }

  @Override
  public String description() {
    return "Copy the program files of version " + context.distribution().version() + " to "
        + context.layout().versionDir(context.distribution().version());
  }

  @Override
  public void run() throws IOException {
    InstallLayout layout = context.layout();
    Distribution distribution = context.distribution();
    created.createFolder(layout.installDir(), "rwxr-xr-x");
    created.createFolder(layout.versionsDir(), "rwxr-xr-x");

    Path version = layout.versionDir(distribution.version());
    Path staging = layout.versionsDir().resolve("." + distribution.version() + ".partial");
    FileTrees.delete(staging);
    try {
      VersionFiles.fill(staging, distribution, context.layout().windows());
      if (Files.exists(version, LinkOption.NOFOLLOW_LINKS)) {
        movedAside = layout.versionsDir().resolve("." + distribution.version() + ".previous");
        FileTrees.delete(movedAside);
        Files.move(version, movedAside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, version, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      FileTrees.delete(staging);
    }
    versionCreated = true;
    context.journal().folder(version);
    pointCurrentAt(version);
  }

  /** Switches {@code current} to {@code version}, recording what it pointed at for undo. */
  private void pointCurrentAt(Path version) throws IOException {
    Path current = context.layout().current();
    boolean existed = Files.exists(current, LinkOption.NOFOLLOW_LINKS);
    previousTarget = CurrentPointer.target(context.layout());
    CurrentPointer.pointAt(context.layout(), version);
    pointerChanged = true;
    if (!existed) {
      if (context.layout().windows()) {
        created.add(current, false);
      } else {
        created.addLink(current);
      }
    }
  }

  @Override
  public void undo() throws IOException {
    if (pointerChanged && previousTarget != null) {
      CurrentPointer.restore(context.layout(), previousTarget);
    }
    pointerChanged = false;
    Path version = context.layout().versionDir(context.distribution().version());
    if (versionCreated) {
      FileTrees.delete(version);
      versionCreated = false;
      if (movedAside == null) {
        context.journal().forget(version);
      }
    }
    if (movedAside != null && !Files.exists(version, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(movedAside, version, StandardCopyOption.ATOMIC_MOVE);
      movedAside = null;
    }
    created.removeAll();
  }

  /** Removes the moved-aside copy of a reinstalled version once the install has finished. */
  @Override
  public void finish() throws IOException {
    if (movedAside != null) {
      FileTrees.delete(movedAside);
      movedAside = null;
    }
  }
}

package io.bridgehead.installer.repair;

import io.bridgehead.agent.update.TrustedReleaseKey;
import io.bridgehead.installer.distribution.VersionFiles;
import io.bridgehead.installer.files.FileTrees;
import io.bridgehead.installer.layout.CurrentPointer;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.update.VersionUnpacker;
import io.bridgehead.wire.release.PackageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Restores the chosen version's folder and points {@code current} at it. New files are
 * written into a hidden folder beside it and renamed into place, so the version folder is
 * never half written. A damaged folder is moved aside and deleted only after the rename.
 */
final class RestoreProgramFiles implements Step {
  private final RepairContext context;

  RestoreProgramFiles(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Restore the version folder in " + context.layout.versionsDir()
        + " and point current at it";
  }

  @Override
  public void run() throws IOException {
    RepairSource source = context.source();
    Path version = context.versionDir();
    if (source.kind() != RepairSource.Kind.VERSION_FOLDER) {
      Files.createDirectories(context.layout.versionsDir());
      Path staging = hidden(version, "repair");
      FileTrees.delete(staging);
      try {
        fill(source, staging);
        replace(version, staging);
      } finally {
        FileTrees.delete(staging);
      }
      context.note("Restored " + version + " from " + source.describe() + ".");
    }
    Path target = CurrentPointer.target(context.layout);
    Path before = target == null ? null
        : context.layout.installDir().resolve(target).normalize();
    if (!version.equals(before)) {
      CurrentPointer.pointAt(context.layout, version);
      context.note("Pointed " + context.layout.current() + " at " + version + " (it pointed"
          + " at " + (before == null ? "nothing" : before) + ").");
    }
  }

  private void fill(RepairSource source, Path staging) throws IOException {
    if (source.kind() == RepairSource.Kind.RUNNING_PROGRAM) {
      Files.createDirectories(staging);
      VersionFiles.fill(staging, source.distribution(), context.layout.windows());
      return;
    }
    try {
      new VersionUnpacker(context.layout, TrustedReleaseKey.load(context.layout.dataDir()),
          RepairContext.MAIN_CLASS).unpackInto(source.packageFile(), source.version(), staging);
    } catch (PackageException e) {
      // The package passed the same checks a moment ago, so it changed in between.
      throw new IOException("the package " + source.packageFile() + " was rejected: "
          + e.getMessage(), e);
    }
  }

  /** Moves a damaged {@code version} folder aside, then renames {@code staging} to it. */
  private static void replace(Path version, Path staging) throws IOException {
    Path damaged = hidden(version, "damaged");
    FileTrees.delete(damaged);
    if (Files.exists(version, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(version, damaged, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, version, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.delete(damaged);
  }

  private static Path hidden(Path version, String purpose) {
    return version.resolveSibling("." + version.getFileName() + "." + purpose);
  }

  /** Does nothing: the restored files are verified, and a later step's failure is not theirs. */
  @Override
  public void undo() {}
}

package io.bridgehead.installer.repair;

import io.bridgehead.agent.update.TrustedReleaseKey;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.update.VersionFolderCheck;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Chooses where the program files come from, in this order: the recorded version folder when
 * it is intact; a verified package in {@code updates/packages}; the package of the pool's
 * wanted version, downloaded from the tenant; the program files that run this repair.
 */
final class ChooseSource implements Step {
  private final RepairContext context;

  ChooseSource(RepairContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Choose the program files to restore";
  }

  @Override
  public void run() throws IOException {
    String recorded = context.record.version();
    PublicKey trusted = trustedKey();
    VersionFolderCheck.Verdict verdict = VersionFolderCheck.check(
        context.layout.versionDir(recorded), recorded, trusted, context.layout.windows(),
        false);
    context.note("The version folder is " + (verdict.intact() ? "intact: " : "damaged: ")
        + verdict.detail() + ".");
    Optional<RepairSource> source = Optional.empty();
    if (verdict.intact()) {
      source = Optional.of(RepairSource.versionFolder(recorded));
    }
    if (source.isEmpty() && trusted != null) {
      source = PackageChoice.choose(context.updates().packages(), recorded, trusted,
          context::note);
    }
    if (source.isEmpty() && trusted != null) {
      source = TenantDownload.fetch(context, trusted);
    }
    if (source.isEmpty()) {
      source = Optional.of(RepairSource.runningProgram(context.runningProgram.locate()));
    }
    context.source(source.get());
    context.note("Repair uses " + source.get().describe() + ".");
  }

  /** Returns the trusted release key, or null when the installation's key file is invalid. */
  private PublicKey trustedKey() {
    try {
      return TrustedReleaseKey.load(context.layout.dataDir());
    } catch (IOException e) {
      context.note("No package can be used: " + e.getMessage());
      return null;
    }
  }

  @Override
  public void undo() {}
}

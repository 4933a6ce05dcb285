package io.bridgehead.installer.steps;

import io.bridgehead.agent.update.TrustedReleaseKey;
import io.bridgehead.installer.plan.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies the {@code --release-key} file to {@code release-key.pub.pem} in the data folder,
 * where the services and the updater read the key that update packages must be signed with.
 * It lies outside the program folders, so updates keep it; a reinstall without
 * {@code --release-key} keeps it too, and uninstall removes it unless {@code --keep-data}.
 * Undo puts back the file that a reinstall replaced.
 */
final class InstallReleaseKey implements Step {
  private final InstallContext context;
  private final WrittenFiles files;

  InstallReleaseKey(InstallContext context) {
    this.context = context;
    this.files = new WrittenFiles(context.journal());
  }

  @Override
  public String description() {
    return "Install the release key " + target();
  }

  @Override
  public void run() throws IOException {
    Path source = context.settings().releaseKey();
    // InstallArguments checked that the file contains a public key.
    files.write(target(), Files.readString(source, StandardCharsets.US_ASCII), "rw-r--r--");
  }

  private Path target() {
    return context.layout().dataDir().resolve(TrustedReleaseKey.FILE_NAME);
  }

  @Override
  public void undo() throws IOException {
    files.undo();
  }
}

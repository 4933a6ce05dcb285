package io.bridgehead.console.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The installation the console repairs, found by its data folder, which contains the
 * record {@value #RECORD} that the installer wrote.
 */
public final class Installation {
  /** The installer's record of what it made, in the installation's data folder. */
  public static final String RECORD = "install.json";

  private Installation() {}

  /**
   * Returns the data folder of an installation into the system: {@code /var/lib/bridgehead},
   * or {@code %ProgramData%\Bridgehead} on Windows.
   */
  public static Path defaultDataDir() {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      String programData = System.getenv("ProgramData");
      return Path.of(programData == null || programData.isBlank() ? "C:\\ProgramData"
          : programData, "Bridgehead");
    }
    return Path.of("/var/lib/bridgehead");
  }

  /**
   * Returns why this user cannot repair the installation in {@code dataDir}, or empty when
   * they can. Repair rewrites the record, so a user who cannot write it cannot repair.
   */
  public static String repairBlocker(Path dataDir) {
    Path record = dataDir.resolve(RECORD);
    if (!Files.exists(record)) {
      return "no installation record at " + record + "; repair works on an installation"
          + " made by the Bridgehead installer";
    }
    if (!Files.isWritable(record)) {
      return "Repair needs root (an administrator on Windows): it changes the program files"
          + " and the services";
    }
    return "";
  }

  /** Runs {@link #repairBlocker} off the calling thread, as it reads the disk. */
  public static CompletableFuture<String> repairBlockerAsync(Path dataDir) {
    return CompletableFuture.supplyAsync(() -> repairBlocker(dataDir));
  }
}

package io.bridgehead.installer.steps;

import io.bridgehead.installer.layout.InstallLayout;
import io.bridgehead.installer.plan.Step;
import io.bridgehead.installer.plan.StepFailedException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that this machine can take the installation: Linux or Windows, root (an
 * administrator) unless the installation goes into a folder, and install, data and log
 * folders that can be created. It changes nothing.
 */
final class CheckPrerequisites implements Step {
  /** The exit code for "not root / not an administrator". */
  static final int NOT_ADMINISTRATOR = 8;

  private final InstallContext context;

  CheckPrerequisites(InstallContext context) {
    this.context = context;
  }

  @Override
  public String description() {
    return "Check prerequisites";
  }

  @Override
  public void run() throws StepFailedException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    boolean windows = os.startsWith("windows");
    if (!windows && !os.contains("linux")) {
      throw new StepFailedException(1, "this operating system (" + System.getProperty("os.name")
          + ") is not supported; Bridgehead installs on Linux and Windows");
    }
    try {
      ProxyVariables.forService(context.settings().proxy(), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(2, e.getMessage());
    }
    if (context.layout().inFolder()) {
      context.note("Installing into the folder " + context.layout().root()
          + ": no system user, no systemd and no owner changes.");
      checkWritable();
      return;
    }
    if (windows) {
      // NOTE: never run, and no administrator check here. The Service Control Manager
      // rejects a non-administrator when the services are registered, so that step fails.
      return;
    }
    if (!System.getProperty("user.name", "").equals("root")) {
      throw new StepFailedException(NOT_ADMINISTRATOR, "installing into the system needs root;"
          + " run it with sudo, or install into a folder with --root DIR");
    }
    for (String program : new String[] {"systemctl", "useradd"}) {
      if (!onPath(program)) {
        throw new StepFailedException(1, program + " not found on PATH; Bridgehead needs"
            + " systemd and the shadow utilities on Linux");
      }
    }
    checkWritable();
  }

  /**
   * Checks that the install, data and log folders can be created or written: for each, the
   * folder itself or its nearest parent that exists must be a writable folder.
   */
  private void checkWritable() throws StepFailedException {
    InstallLayout layout = context.layout();
    Map<String, Path> folders = new LinkedHashMap<>();
    folders.put("install folder", layout.installDir());
    folders.put("data folder", layout.dataDir());
    folders.put("log folder", layout.logDir());
    for (Map.Entry<String, Path> entry : folders.entrySet()) {
      Path folder = entry.getValue();
      Path existing = folder;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        continue;
      }
      if (!Files.isDirectory(existing)) {
        throw new StepFailedException(2, "cannot create the " + entry.getKey() + " " + folder
            + ": " + existing + " is a file, not a folder; move the file or choose another"
            + " folder");
      }
      if (!Files.isWritable(existing)) {
        throw new StepFailedException(2, "cannot create or write the " + entry.getKey() + " "
            + folder + ": the folder " + existing + " is not writable for the user "
            + System.getProperty("user.name") + "; give that user write access, or choose"
            + " another folder");
      }
    }
  }

  @Override
  public void undo() {
    // Nothing was changed.
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }
}

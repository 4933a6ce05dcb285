package io.bridgehead.installer.steps;

import io.bridgehead.installer.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** The steps of an install, in order, for one set of {@link InstallSettings}. */
public final class InstallPlan {
  /** The exit code for "not root / not an administrator". */
  public static final int NOT_ADMINISTRATOR = CheckPrerequisites.NOT_ADMINISTRATOR;
  /** The warning against imaging or cloning an enrolled machine. */
  public static final String CLONE_WARNING = EnrollModules.CLONE_WARNING;

  private InstallPlan() {}

  /**
   * Returns the steps in order. A reinstall first stops the running services. Linux without
   * {@code --root} creates the service user. Every install copies the program files, creates
   * the folders, installs the release key when {@code --release-key} was given, and enrolls.
   * Linux writes the unit files. Then the services are registered and started, the console
   * autostart is added unless turned off, and the install record is written, always last.
   */
  public static List<Step> steps(InstallContext context) {
    List<Step> steps = new ArrayList<>();
    boolean windows = context.layout().windows();
    steps.add(new CheckPrerequisites(context));
    if (context.previous() != null && !context.previous().services().isEmpty()) {
      steps.add(new StopServices(context));
    }
    if (!windows && !context.layout().inFolder()) {
      steps.add(new CreateServiceUser(context));
    }
    steps.add(new CopyProgramFiles(context));
    steps.add(new CreateFolders(context));
    if (context.settings().releaseKey() != null) {
      steps.add(new InstallReleaseKey(context));
    }
    steps.add(new EnrollModules(context));
    if (!windows) {
      steps.add(new WriteUnitFiles(context));
    }
    steps.add(new StartServices(context));
    if (context.settings().consoleAutostart()) {
      steps.add(new ConsoleAutostart(context));
    }
    steps.add(new WriteRecord(context));
    return steps;
  }
}

package io.bridgehead.installer.services;

import io.bridgehead.installer.linux.SystemdServiceManager;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/** Picks the {@link ServiceManager} for the platform and the kind of installation. */
public final class ServiceManagers {
  /** Built by the Windows packaging work; looked up by name so this module compiles without it. */
  static final String WINDOWS_CLASS = "io.bridgehead.installer.windows.WindowsServiceManager";

  private ServiceManagers() {}

  /** Returns the manager of an installation into a folder: child processes, pid files. */
  public static ServiceManager folder(Path stateDir) {
    return new FolderServiceManager(stateDir);
  }

  /** Returns the systemd manager for unit files in {@code unitDir}. */
  public static ServiceManager systemd(Path unitDir) {
    return new SystemdServiceManager(unitDir);
  }

  /**
   * Returns the Windows Service Control Manager, by its class name.
   *
   * @throws IllegalStateException when the class is not in this build, saying so
   */
  public static ServiceManager windows() {
    try {
      return (ServiceManager) Class.forName(WINDOWS_CLASS).getDeclaredConstructor()
          .newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("this build cannot install Windows services: "
          + WINDOWS_CLASS + " is missing; use a Windows build of Bridgehead", e);
    } catch (ReflectiveOperationException | ClassCastException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("cannot create " + WINDOWS_CLASS + ": " + cause, cause);
    }
  }
}

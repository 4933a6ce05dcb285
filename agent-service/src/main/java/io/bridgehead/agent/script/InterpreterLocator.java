package io.bridgehead.agent.script;

import java.nio.file.Path;
import java.util.Optional;

/** Finds interpreter executables, such as {@code pwsh}, by command name. */
@FunctionalInterface
public interface InterpreterLocator {
  /**
   * Returns the executable file that the command name runs, or empty when none is found.
   *
   * @param command a bare name such as {@code pwsh}, without an extension
   */
  Optional<Path> find(String command);

  /**
   * Returns a locator that searches the service's {@code PATH}, and on Windows also tries each
   * extension in {@code PATHEXT}.
   */
  static InterpreterLocator systemPath() {
    return new PathInterpreterLocator(
        System.getenv("PATH"), System.getenv("PATHEXT"), Platform.isWindows());
  }
}

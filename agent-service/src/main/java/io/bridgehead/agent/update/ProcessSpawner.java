package io.bridgehead.agent.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts a program that outlives the service, such as the updater or repair. */
@FunctionalInterface
public interface ProcessSpawner {
  /**
   * Starts {@code command} and returns without waiting for it.
   *
   * @param output the file its standard output and error are appended to
   * @throws IOException when the program cannot be started
   */
  void spawn(List<String> command, Path output) throws IOException;
}

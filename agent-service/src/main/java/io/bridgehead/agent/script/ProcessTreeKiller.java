package io.bridgehead.agent.script;

import java.util.List;

/**
 * Starts scripts so that their whole process tree can be killed, and kills it.
 *
 * <p>{@link #forCurrentPlatform()} returns the POSIX or the Windows implementation.
 */
public interface ProcessTreeKiller {
  /**
   * Returns the command words to put before the interpreter's command line, such as
   * {@code setsid}; empty when the command runs as it is.
   */
  List<String> launchPrefix();

  /**
   * Kills the process and every process it started that can still be found, including
   * background processes whose parent has already exited where the platform allows. Returns
   * after at most a few seconds, even when a process ignores the kill.
   *
   * @return how many processes were running and were sent a kill
   */
  int killTree(Process process);

  /** Returns the implementation for the operating system the service runs on. */
  static ProcessTreeKiller forCurrentPlatform() {
    return Platform.isWindows() ? new WindowsProcessTreeKiller() : PosixProcessTreeKiller.create();
  }
}

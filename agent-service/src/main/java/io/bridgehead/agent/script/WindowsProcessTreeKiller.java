package io.bridgehead.agent.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Kills a process and the descendants that Windows still links to it.
 *
 * <p>NOTE: this has never run on Windows. A process whose parent has already exited is no
 * longer a descendant, so it survives. A Job Object that kills its members on close would
 * catch those processes too.
 */
final class WindowsProcessTreeKiller implements ProcessTreeKiller {
  @Override
  public List<String> launchPrefix() {
    return List.of();
  }

  @Override
  public int killTree(Process process) {
    List<ProcessHandle> targets = new ArrayList<>();
    targets.add(process.toHandle());
    process.descendants().forEach(targets::add);
    return ProcessKills.destroyAll(targets, ProcessHandle::isAlive);
  }
}

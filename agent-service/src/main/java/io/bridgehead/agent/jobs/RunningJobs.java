package io.bridgehead.agent.jobs;

import io.bridgehead.agent.script.RunningScript;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scripts this agent runs now, by job id. */
final class RunningJobs {
  private final Map<String, RunningScript> scripts = new ConcurrentHashMap<>();

  void add(String jobId, RunningScript script) {
    scripts.put(jobId, script);
  }

  void remove(String jobId) {
    scripts.remove(jobId);
  }

  int count() {
    return scripts.size();
  }

  /** Kills every running script; each job then reports itself cancelled. */
  void cancelAll() {
    scripts.values().forEach(RunningScript::cancel);
  }
}

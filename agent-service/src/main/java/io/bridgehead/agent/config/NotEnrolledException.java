package io.bridgehead.agent.config;

import java.io.IOException;
import java.nio.file.Path;

/** The data folder contains no enrollment: the agent must be enrolled before it can run. */
public final class NotEnrolledException extends IOException {
  public NotEnrolledException(Path dataFolder) {
    super("the agent is not enrolled (no " + AgentConfig.FILE_NAME + " in " + dataFolder
        + "); enroll it first with 'bridgehead agent enroll --tenant URL --enrollment-key KEY'");
  }
}

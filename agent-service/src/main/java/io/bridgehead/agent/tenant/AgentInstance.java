package io.bridgehead.agent.tenant;

import java.util.UUID;

/**
 * This process's instance id, sent with every call so that the tenant can tell two processes
 * that use the same credential apart: a cloned server or a copied data folder.
 */
public final class AgentInstance {
  private static final String ID = UUID.randomUUID().toString();

  private AgentInstance() {}

  public static String id() {
    return ID;
  }
}

package io.bridgehead.installer.services;

/** What a {@link ServiceManager} reports about one service. */
public enum ServiceState {
  NOT_INSTALLED,
  STOPPED,
  STARTING,
  RUNNING,
  STOPPING,
  FAILED
}

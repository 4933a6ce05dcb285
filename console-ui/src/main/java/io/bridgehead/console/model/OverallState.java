package io.bridgehead.console.model;

import java.util.Collection;

/** The one state the tray icon and its tooltip show for all installed services together. */
public enum OverallState {
  /** Every installed service runs and reaches its tenant. */
  RUNNING("running", "All services are running and connected"),
  /** Some installed services are offline or cannot reach the tenant; others run. */
  DEGRADED("degraded", "Some services need attention"),
  /** No installed service can be reached, or none is installed. */
  OFFLINE("offline", "No service is running"),
  /** A service installs an update. */
  UPDATING("updating", "An update is being installed"),
  /** Every installed service answers, but none both runs and reaches the tenant. */
  ERROR("error", "The services cannot work");

  private final String iconName;
  private final String summary;

  OverallState(String iconName, String summary) {
    this.iconName = iconName;
    this.summary = summary;
  }

  /** Returns the base name of the tray icon files, such as {@code running-16.png}. */
  public String iconName() {
    return iconName;
  }

  public String summary() {
    return summary;
  }

  /**
   * Derives the overall state from the installed services' states and tenant reachability.
   * Services that are not installed do not count.
   */
  public static OverallState of(Collection<ServiceModel.Snapshot> services) {
    int installed = 0;
    int reachable = 0;
    int healthy = 0;
    boolean updating = false;
    for (ServiceModel.Snapshot service : services) {
      if (service.state() == ServiceState.NOT_INSTALLED) {
        continue;
      }
      installed++;
      boolean online = service.state() != ServiceState.OFFLINE
          && service.state() != ServiceState.CONNECTING;
      if (online) {
        reachable++;
      }
      if (service.state() == ServiceState.UPDATING) {
        updating = true;
      }
      if (service.state() == ServiceState.RUNNING && service.tenantReachable()) {
        healthy++;
      }
    }
    if (updating) {
      return UPDATING;
    }
    if (installed == 0 || reachable == 0) {
      return OFFLINE;
    }
    if (healthy == installed) {
      return RUNNING;
    }
    return healthy == 0 && reachable == installed ? ERROR : DEGRADED;
  }
}

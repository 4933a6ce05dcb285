package io.bridgehead.console.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One service as the console shows it: read-only JavaFX properties fed from the service's
 * status objects and connection events. Every method that changes it must run on the FX
 * thread; {@code io.bridgehead.console.ipc} hands the events over with
 * {@code Platform.runLater}.
 */
public final class ServiceModel {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  /** The {@code change} member of a status notification: what changed, in words. */
  public record Change(String type, String message) {}

  /** The values {@link OverallState} is derived from. */
  public record Snapshot(ServiceState state, boolean tenantReachable) {}

  private final String role;
  private final ReadOnlyObjectWrapper<ServiceState> state;
  private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");
  private final ReadOnlyBooleanWrapper administrator =
      new ReadOnlyBooleanWrapper(this, "administrator");
  private final ReadOnlyStringWrapper peerUser = new ReadOnlyStringWrapper(this, "peerUser", "");
  private final ReadOnlyStringWrapper module = new ReadOnlyStringWrapper(this, "module", "");
  private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper(this, "version", "");
  private final ReadOnlyStringWrapper pool = new ReadOnlyStringWrapper(this, "pool", "");
  private final ReadOnlyStringWrapper agentId = new ReadOnlyStringWrapper(this, "agentId", "");
  private final ReadOnlyStringWrapper tenantUrl =
      new ReadOnlyStringWrapper(this, "tenantUrl", "");
  private final ReadOnlyStringWrapper dataFolder =
      new ReadOnlyStringWrapper(this, "dataFolder", "");
  private final ReadOnlyBooleanWrapper tenantReachable =
      new ReadOnlyBooleanWrapper(this, "tenantReachable");
  private final ReadOnlyStringWrapper lastContact =
      new ReadOnlyStringWrapper(this, "lastContact", "never");
  private final ReadOnlyIntegerWrapper jobsRunning = new ReadOnlyIntegerWrapper(this,
      "jobsRunning");
  private final ReadOnlyLongWrapper jobsDoneToday = new ReadOnlyLongWrapper(this,
      "jobsDoneToday");
  private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError",
      "");
  private final ReadOnlyStringWrapper connectionProblem =
      new ReadOnlyStringWrapper(this, "connectionProblem", "");
  private final ReadOnlyObjectWrapper<Change> lastChange =
      new ReadOnlyObjectWrapper<>(this, "lastChange");
  private final ReadOnlyStringWrapper logFile = new ReadOnlyStringWrapper(this, "logFile", "");
  private final ReadOnlyObjectWrapper<UpdateInfo> update =
      new ReadOnlyObjectWrapper<>(this, "update", UpdateInfo.UNKNOWN);
  /** The {@code sequence} of the last status applied; older ones that arrive late are dropped. */
  private long sequence = -1;
  private final ObservableList<JobEntry> jobs = FXCollections.observableArrayList();
  private final ObservableList<JobEntry> readOnlyJobs =
      FXCollections.unmodifiableObservableList(jobs);

  public ServiceModel(String role, boolean installed) {
    this.role = role;
    this.state = new ReadOnlyObjectWrapper<>(this, "state",
        installed ? ServiceState.CONNECTING : ServiceState.NOT_INSTALLED);
  }

  public String role() {
    return role;
  }

  /** Returns the role with a capital first letter, such as {@code Automation}. */
  public String title() {
    return Character.toUpperCase(role.charAt(0)) + role.substring(1);
  }

  /** Records a connection past its handshake, with the caller as the service identified it. */
  public void connected(String user, boolean isAdministrator) {
    connected.set(true);
    peerUser.set(user);
    administrator.set(isAdministrator);
    connectionProblem.set("");
    sequence = -1;
    if (state.get() == ServiceState.NOT_INSTALLED || state.get() == ServiceState.CONNECTING
        || state.get() == ServiceState.OFFLINE) {
      state.set(ServiceState.STARTING);
    }
  }

  /** Records a lost or failed connection; a role never seen stays not installed. */
  public void disconnected(String reason, boolean installed) {
    connected.set(false);
    administrator.set(false);
    connectionProblem.set(reason);
    jobsRunning.set(0);
    if (installed || state.get() != ServiceState.NOT_INSTALLED) {
      state.set(ServiceState.OFFLINE);
    }
  }

  /** Records that the service refused a change because the caller is not an administrator. */
  public void accessDenied() {
    administrator.set(false);
  }

  /** Applies a status object from {@code status.get} or a status notification. */
  public void apply(JsonNode status) {
    long received = status.path("sequence").asLong(-1);
    if (received >= 0 && received < sequence && !status.has("change")) {
      return;
    }
    sequence = Math.max(sequence, received);
    if (!connected.get()) {
      return;
    }
    UpdateInfo updateInfo = UpdateInfo.fromStatus(status);
    ServiceState reported = ServiceState.fromStatus(status.path("state").asText("running"));
    // A service that hands over to the updater keeps running its jobs until it is stopped.
    state.set(reported == ServiceState.RUNNING && updateInfo.updating() ? ServiceState.UPDATING
        : reported);
    update.set(updateInfo);
    module.set(status.path("module").asText(""));
    version.set(status.path("version").asText(""));
    pool.set(status.path("pool").asText(""));
    agentId.set(status.path("agentId").asText(""));
    tenantUrl.set(status.path("tenantUrl").asText(""));
    dataFolder.set(status.path("dataFolder").asText(""));
    tenantReachable.set(status.path("tenantReachable").asBoolean(false));
    lastContact.set(formatTime(status.path("lastContact")));
    jobsRunning.set(status.path("jobsRunning").asInt(0));
    jobsDoneToday.set(status.path("jobsDoneToday").asLong(0));
    JsonNode change = status.path("change");
    if (change.isObject()) {
      lastChange.set(new Change(change.path("type").asText(""),
          change.path("message").asText("")));
    }
    JsonNode error = status.path("lastError");
    lastError.set(error.isObject() ? formatTime(error.path("time")) + " "
        + error.path("message").asText() : "");
  }

  /** Replaces the recent jobs with a {@code jobs.recent} result. */
  public void applyJobs(JsonNode result) {
    List<JobEntry> entries = new ArrayList<>();
    for (JsonNode job : result.path("jobs")) {
      entries.add(JobEntry.fromJson(job));
    }
    jobs.setAll(entries);
  }

  public void logFile(String file) {
    logFile.set(file);
  }

  public Snapshot snapshot() {
    return new Snapshot(state.get(), tenantReachable.get());
  }

  public ReadOnlyObjectProperty<ServiceState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty connectedProperty() {
    return connected.getReadOnlyProperty();
  }

  /** Whether the service lets this user call methods that change it, from the handshake. */
  public ReadOnlyBooleanProperty administratorProperty() {
    return administrator.getReadOnlyProperty();
  }

  /** The account the service identified the console's user as. */
  public ReadOnlyStringProperty peerUserProperty() {
    return peerUser.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty moduleProperty() {
    return module.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty versionProperty() {
    return version.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty poolProperty() {
    return pool.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty agentIdProperty() {
    return agentId.getReadOnlyProperty();
  }

  /** Returns the service's data folder, which {@code bridgehead check --data} reads. */
  public ReadOnlyStringProperty dataFolderProperty() {
    return dataFolder.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty tenantUrlProperty() {
    return tenantUrl.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty tenantReachableProperty() {
    return tenantReachable.getReadOnlyProperty();
  }

  /** The local time of the last response from the tenant, or "never". */
  public ReadOnlyStringProperty lastContactProperty() {
    return lastContact.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty jobsRunningProperty() {
    return jobsRunning.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty jobsDoneTodayProperty() {
    return jobsDoneToday.getReadOnlyProperty();
  }

  /** The local time and message of the service's last error; empty when there was none. */
  public ReadOnlyStringProperty lastErrorProperty() {
    return lastError.getReadOnlyProperty();
  }

  /** Why the console is not connected; empty while it is. */
  public ReadOnlyStringProperty connectionProblemProperty() {
    return connectionProblem.getReadOnlyProperty();
  }

  /** The last change a status notification reported; null before the first. */
  public ReadOnlyObjectProperty<Change> lastChangeProperty() {
    return lastChange.getReadOnlyProperty();
  }

  /** Returns the {@code update} member of the last status, kept while disconnected. */
  public ReadOnlyObjectProperty<UpdateInfo> updateProperty() {
    return update.getReadOnlyProperty();
  }

  /** The service's log file as {@code logs.tail} reported it; empty before the first tail. */
  public ReadOnlyStringProperty logFileProperty() {
    return logFile.getReadOnlyProperty();
  }

  /** The recent jobs, newest first; change it only on the FX thread. */
  public ObservableList<JobEntry> jobs() {
    return readOnlyJobs;
  }

  private static String formatTime(JsonNode time) {
    if (!time.isTextual()) {
      return "never";
    }
    try {
      return TIME.format(Instant.parse(time.asText()));
    } catch (DateTimeParseException e) {
      return time.asText();
    }
  }
}
